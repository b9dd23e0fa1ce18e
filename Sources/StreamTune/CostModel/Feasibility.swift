/// Why a design does not fit the device, in readable reasons.
enum Feasibility {
  /// Checks totals, channels, SLR capacities, SLR crossings and board power.
  ///
  /// - Returns: one reason per violated limit, empty when the design fits.
  static func reasons(
    model: CostModel, totals: KernelResources, perKernel: [KernelResources],
    placement: SLRAssignment, streams: [(from: Int, to: Int, bits: Int)], powerWatts: Double
  ) -> [String] {
    var reasons: [String] = []
    let platform = model.platform
    let device = platform.totalResources
    let used = totals.vector
    let available = [device.dsp, device.bram18k, device.uram, device.lut, device.ff]
    for (index, name) in CostModel.resourceNames.enumerated() {
      let ceiling = model.constraints.ceiling(name)
      let limit = Double(available[index]) * ceiling
      if used[index] > limit {
        reasons.append("\(name) \(grouped(Int(used[index]))) > \(model.plan.limitTexts[index])")
      }
    }

    let channels = model.constants.channelCount
    if totals.channels > channels {
      reasons.append(
        "channels \(totals.channels) > \(channels) (external-memory channels of the device)")
    }

    if platform.slrs.count > 1 {
      var slrUse = Array(repeating: Array(repeating: 0.0, count: 5), count: platform.slrs.count)
      for (kernel, slr) in placement.slrOfKernel.enumerated() where slr < slrUse.count {
        for (index, value) in perKernel[kernel].vector.enumerated() { slrUse[slr][index] += value }
      }
      for (slr, resources) in platform.slrs.enumerated() {
        let caps = [resources.dsp, resources.bram18k, resources.uram, resources.lut, resources.ff]
        for (index, name) in CostModel.resourceNames.enumerated() {
          let ceiling = model.constraints.ceiling(name)
          let limit = Double(caps[index]) * ceiling
          if slrUse[slr][index] > limit {
            reasons.append(
              "slr\(slr) \(name) \(grouped(Int(slrUse[slr][index]))) > "
                + model.plan.slrLimitTexts[slr][index])
          }
        }
      }
      for boundary in 0..<(platform.slrs.count - 1) {
        var bits = 0
        for stream in streams {
          let low = min(placement.slrOfKernel[stream.from], placement.slrOfKernel[stream.to])
          let high = max(placement.slrOfKernel[stream.from], placement.slrOfKernel[stream.to])
          if low <= boundary && boundary < high { bits += stream.bits }
        }
        if bits > platform.sllsPerBoundary {
          reasons.append(
            "slr\(boundary)-slr\(boundary + 1) crossing \(grouped(bits)) bits > "
              + "\(grouped(platform.sllsPerBoundary)) wires")
        }
      }
    }

    if model.constraints.enforcePowerLimit, platform.power.tdpWatts > 0,
      powerWatts > platform.power.tdpWatts
    {
      reasons.append(
        "power \(formatted(powerWatts)) W > \(formatted(platform.power.tdpWatts)) W "
          + "(board limit; the power figure is an estimate)")
    }
    return reasons
  }

  /// Formats the right-hand side of a resource reason: the limit, the ceiling and the
  /// capacity, as in `8,121 (90% of 9,024)`.
  static func limitText(capacity: Int, ceiling: Double) -> String {
    let limit = Double(capacity) * ceiling
    return "\(grouped(Int(limit))) (\(percent(ceiling)) of \(grouped(capacity)))"
  }

  /// An integer with thousands separators: 10240 → "10,240".
  static func grouped(_ value: Int) -> String {
    var digits: [UInt8] = []
    var rest = value.magnitude
    repeat {
      if digits.count % 4 == 3 { digits.append(UInt8(ascii: ",")) }
      digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    if value < 0 { digits.append(UInt8(ascii: "-")) }
    digits.reverse()
    return String(decoding: digits, as: UTF8.self)
  }

  static func percent(_ share: Double) -> String {
    let value = share * 100
    return value == value.rounded() ? "\(Int(value))%" : "\(formatted(value))%"
  }

  /// A number with one decimal.
  static func formatted(_ value: Double) -> String {
    let tenths = (value * 10).rounded()
    let whole = Int(tenths / 10)
    let fraction = abs(Int(tenths) % 10)
    return "\(whole).\(fraction)"
  }
}
