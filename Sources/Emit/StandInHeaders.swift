/// The stand-in headers each project ships in `include/` for C simulation with a plain C++17
/// compiler: `ap_int.h`, `hls_stream.h` (bounded, blocking streams) and `streamtune_csim.h`
/// (a thread per dataflow process and a deadlock watchdog). The vendor tools use their own
/// `ap_int.h` and `hls_stream.h` instead.
enum StandInHeaders {
  /// File name and contents of every stand-in header.
  static let files: [(name: String, contents: String)] = [
    ("ap_int.h", apInt), ("hls_stream.h", hlsStream), ("streamtune_csim.h", csim),
  ]

  /// `ap_int.h`: signed and unsigned integers of 1 to 64 bits.
  static let apInt = #"""
    // Stand-in for the AMD Vitis HLS arbitrary-precision integer header, for C simulation with a
    // plain C++17 compiler. It is not the vendor header: it covers widths 1 to 64 and the
    // operations the emitted kernels use (arithmetic through conversion to long long, compound
    // assignment, comparison). Every assignment wraps the value to W bits, as ap_int does.
    #ifndef STREAMTUNE_STANDIN_AP_INT_H
    #define STREAMTUNE_STANDIN_AP_INT_H

    #include <cstdint>

    template <int W, bool Signed>
    class ap_int_base {
      static_assert(W >= 1 && W <= 64, "this stand-in supports widths from 1 to 64 bits");

     public:
      ap_int_base() : value_(0) {}
      ap_int_base(long long value) : value_(wrap(value)) {}
      template <int W2, bool S2>
      ap_int_base(const ap_int_base<W2, S2>& other) : value_(wrap(other.to_int64())) {}

      operator long long() const { return value_; }
      long long to_int64() const { return value_; }
      int to_int() const { return static_cast<int>(value_); }

      ap_int_base& operator=(long long value) {
        value_ = wrap(value);
        return *this;
      }
      ap_int_base& operator+=(long long value) { return *this = value_ + value; }
      ap_int_base& operator-=(long long value) { return *this = value_ - value; }
      ap_int_base& operator*=(long long value) { return *this = value_ * value; }
      ap_int_base& operator++() { return *this = value_ + 1; }
      ap_int_base& operator--() { return *this = value_ - 1; }

      static long long wrap(long long value) {
        if (W == 64) return value;
        const unsigned long long mask = (1ULL << (W % 64)) - 1ULL;
        unsigned long long bits = static_cast<unsigned long long>(value) & mask;
        if (Signed && ((bits >> (W - 1)) & 1ULL)) bits |= ~mask;
        return static_cast<long long>(bits);
      }

     private:
      long long value_;
    };

    /// A signed integer of W bits (two's complement).
    template <int W>
    class ap_int : public ap_int_base<W, true> {
     public:
      using ap_int_base<W, true>::ap_int_base;
      ap_int() = default;
    };

    /// An unsigned integer of W bits.
    template <int W>
    class ap_uint : public ap_int_base<W, false> {
     public:
      using ap_int_base<W, false>::ap_int_base;
      ap_uint() = default;
    };

    #endif
    """#
}
