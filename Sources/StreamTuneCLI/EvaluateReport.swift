import Foundation
import StreamTune

/// The readable report of `streamtune evaluate`.
enum EvaluateReport {
  static func text(_ evaluation: SpaceEvaluation, space: SearchSpace) -> String {
    let metrics = evaluation.metrics
    var lines: [String] = []
    lines.append(
      "Design estimate for \(space.model.name) on \(space.platform.name) at "
        + "\(SpaceLoading.format1(space.platform.clockMHz)) MHz, "
        + "W\(space.precision.weightBits)A\(space.precision.activationBits)")
    lines.append("All figures are estimates of the analytic cost model.")
    lines.append("")

    lines.append("Kernels (reference phase: the longest prompt):")
    var kernelRows = [
      ["kernel", "region", "slr", "lanes", "L cycles", "D cycles", "II cycles", "channels", "dsp",
       "bram18k", "uram", "lut"]
    ]
    for kernel in metrics.kernels {
      kernelRows.append([
        kernel.name, String(kernel.region), String(kernel.slr), String(kernel.lanes),
        number(kernel.latencyCycles), number(kernel.initialDelayCycles), number(kernel.iiCycles),
        String(kernel.channels), String(kernel.dsp), String(kernel.bram18k), String(kernel.uram),
        String(kernel.lut),
      ])
    }
    lines += table(kernelRows)
    lines.append("")

    lines.append("Streams:")
    var edgeRows = [["producer", "consumer", "tensor", "fused", "fifo depth", "token bits", "converter bits"]]
    for edge in metrics.edges {
      edgeRows.append([
        edge.producer, edge.consumer, edge.tensor, edge.fused ? "yes" : "no",
        String(edge.fifoDepth), String(edge.tokenBits), String(edge.converterBits),
      ])
    }
    lines += table(edgeRows)
    lines.append("")

    lines.append("Regions (cycles at the longest prompt):")
    for (index, cycles) in metrics.regionLatencyCycles.enumerated() {
      lines.append("  region \(index): \(number(cycles))")
    }
    lines.append("")

    lines.append("Resources:")
    let device = space.platform.totalResources
    let resources: [(String, Int, Int)] = [
      ("dsp", metrics.dsp, device.dsp), ("bram18k", metrics.bram18k, device.bram18k),
      ("uram", metrics.uram, device.uram), ("lut", metrics.lut, device.lut),
      ("ff", metrics.ff, device.ff),
    ]
    var resourceRows = [["resource", "used", "device", "utilisation", "ceiling"]]
    for (name, used, available) in resources {
      resourceRows.append([
        name, SpaceLoading.grouped(used), SpaceLoading.grouped(available),
        percent(Double(used) / Double(max(1, available))),
        percent(space.constraints.ceiling(for: name)),
      ])
    }
    lines += table(resourceRows)
    lines.append("  external-memory channels: \(metrics.channels)")
    lines.append("")

    lines.append("Requests:")
    var requestRows = [["request", "ttft_ms", "decode_ms", "latency_ms", "decode_tokens_per_s", "energy_mj"]]
    for request in metrics.requests {
      requestRows.append([
        request.request.description, number(request.ttftMs), number(request.decodeMs),
        number(request.latencyMs), number(request.decodeTokensPerS), number(request.energyMJ),
      ])
    }
    lines += table(requestRows)
    lines.append("")
    lines.append(
      "Workload: latency \(number(metrics.latencyMs)) ms, TTFT \(number(metrics.ttftMs)) ms, "
        + "decode \(number(metrics.decodeTokensPerS)) tokens/s, power \(number(metrics.powerW)) W, "
        + "\(number(metrics.energyMJPerToken)) mJ/token")
    lines.append(
      "Roofline: \(number(metrics.rooflineLatencyMs)) ms; this design is "
        + "\(number(metrics.rooflineDistance))x the roofline latency")
    if metrics.slrFallback {
      lines.append("SLR placement: the integer program failed; the greedy placement was used")
    }
    lines.append("")
    if evaluation.feasible {
      lines.append("Feasible: yes")
    } else {
      lines.append("Feasible: no")
      for reason in evaluation.reasons { lines.append("  - \(reason)") }
    }
    return lines.joined(separator: "\n")
  }

  private static func number(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    if abs(value) >= 1000 { return SpaceLoading.grouped(Int(value.rounded())) }
    return String(format: "%.4g", value)
  }

  private static func percent(_ fraction: Double) -> String {
    String(format: "%.1f%%", fraction * 100)
  }

  /// Left-aligned columns padded to their widest cell.
  private static func table(_ rows: [[String]]) -> [String] {
    guard let first = rows.first else { return [] }
    let widths = first.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      "  " + row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
        .joined(separator: "  ")
    }
  }
}
