import CLapack

/// The size of OpenBLAS's thread pool, which BLAS, LAPACK and the COIN-OR solvers all use.
///
/// Keep it at 1 whenever the caller already runs work in parallel (task groups, parallel
/// tests, solver restarts): OpenBLAS threads spinning next to the caller's threads slow small
/// problems down by orders of magnitude. The environment variable `OPENBLAS_NUM_THREADS` sets
/// the starting value.
public enum BLASThreads {
  /// Sets the number of OpenBLAS threads for the whole process.
  ///
  /// - Parameter count: The thread count. Values below 1 are raised to 1, and OpenBLAS caps
  ///   the count at the number of cores it found at startup.
  public static func set(_ count: Int) {
    let clamped = Swift.min(Swift.max(count, 1), Int(Int32.max))
    openblas_set_num_threads(Int32(clamped))
  }

  /// The number of threads OpenBLAS currently uses.
  public static var count: Int {
    Int(openblas_get_num_threads())
  }
}
