/// Board power and energy estimates. Every coefficient comes from the platform's power model,
/// which holds estimates, so every figure here is an estimate too.
struct EnergyModel: Sendable {
  /// Static power plus the dynamic share of each resource: utilisation × the power of that
  /// resource at full toggle. The coefficients are taken at the platform's kernel clock, so the
  /// clock scaling factor is 1.
  var boardWatts: Double
  /// External-memory energy per byte, in joules.
  var joulesPerByte: Double

  init(platform: Platform, utilisation: [String: Double], picojoulesPerByte: Double) {
    let power = platform.power
    let dynamic =
      (utilisation["dsp"] ?? 0) * power.dspWatts
      + (utilisation["bram18k"] ?? 0) * power.bramWatts
      + (utilisation["uram"] ?? 0) * power.uramWatts
      + (utilisation["lut"] ?? 0) * power.lutWatts
    boardWatts = power.staticWatts + dynamic
    joulesPerByte = picojoulesPerByte * 1e-12
  }

  /// Energy of a run of `seconds` that moves `bytes` to or from external memory, in joules.
  func joules(seconds: Double, bytes: Double) -> Double {
    boardWatts * seconds + joulesPerByte * bytes
  }
}
