#ifndef CCOINOR_SHIM_H
#define CCOINOR_SHIM_H
#include <coin/Clp_C_Interface.h>
#include <coin/Cbc_C_Interface.h>
#endif
