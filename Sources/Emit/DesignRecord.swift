import Foundation
import StreamTune

/// Prints `design.json`: every decision of the design, the cost model's estimates with the
/// per-kernel resources, the FIFOs as emitted, and where the design came from.
struct DesignRecord {
  let plan: ProjectPlan
  let selection: String
  let assignment: [Int]?

  func json() throws(EmitError) -> String {
    let object: [String: Any] = [
      "tool": "streamtune",
      "version": EmitVersion.tool,
      "search_space": plan.space.file,
      "search_space_hash": plan.space.contentHashHex,
      "selection": selection,
      "model": plan.space.model.name,
      "precision": plan.space.precision.description,
      "platform": plan.space.platform.name,
      "clock_mhz": plan.space.platform.clockMHz,
      "limits": ["max_rows": plan.limits.maxRows, "max_keys": plan.limits.maxKeys],
      "lm_head_placement": plan.space.workload.lmHead.rawValue,
      // TODO: Emit the embedding and LM head kernels when the workload places them on the FPGA.
      "lm_head_emitted": false,
      "decisions": decisions(),
      "estimates": estimates(),
      "estimates_note":
        "every figure under estimates is the analytic cost model's estimate, not an HLS or "
        + "hardware measurement",
    ]
    do {
      let data = try JSONSerialization.data(
        withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
      return String(decoding: data, as: UTF8.self) + "\n"
    } catch {
      throw .io("cannot encode design.json: \(error.localizedDescription)")
    }
  }

  func decisions() -> [String: Any] {
    var result: [String: Any] = [:]
    if let assignment {
      var variables: [String: Any] = [:]
      for (name, value) in plan.space.design.values(for: assignment) {
        variables[name] = value.map(Self.jsonValue) ?? NSNull()
      }
      result["variables"] = variables
    }
    var kernels: [String: Any] = [:]
    for kernel in plan.kernels {
      let channels =
        plan.buffers.first { buffer in kernel.ports.contains { $0.name == buffer.name } }?
        .channels ?? []
      kernels[kernel.kernel.name] =
        [
          "operation": kernel.kernel.operation.rawValue,
          "loop_order": kernel.levels.map(\.name),
          "tiles": Dictionary(uniqueKeysWithValues: kernel.levels.map { ($0.name, $0.tile) }),
          "unroll": Dictionary(uniqueKeysWithValues: kernel.levels.map { ($0.name, $0.unroll) }),
          "region": kernel.region,
          "slr": kernel.slr,
          "channels": kernel.ports.isEmpty ? 0 : kernel.channels,
          "hbm_channels": channels,
        ] as [String: Any]
    }
    result["kernels"] = kernels
    result["regions"] = (0..<plan.regionCount).map { region in
      plan.kernels(in: region).map(\.kernel.name)
    }
    result["fusion"] = fusionText(plan.point.fusion)
    result["unfused_edges"] = plan.edges.filter { $0.realisation == .external }.map(\.label)
    result["fifo_equalisation"] = plan.point.fifoEqualisation.rawValue
    result["slr_placement"] = plan.point.slrPlacement.rawValue
    result["memory_binding"] = [
      "lutram_max_bits": plan.point.memoryBinding.lutramMaxBits,
      "uram_min_bits": plan.point.memoryBinding.uramMinBits,
    ]
    result["fifos"] = plan.edges.map { edge -> [String: Any] in
      [
        "edge": edge.label, "tensor": edge.tensor, "depth": edge.depth,
        "cost_model_depth": edge.modelDepth, "overridden": plan.overrides[edge.label] != nil,
        "token_bits": edge.tokenBits, "realisation": realisationText(edge.realisation),
        "cost_model_converter_bits": edge.modelConverterBits,
      ]
    }
    result["external_memory"] = plan.buffers.map { buffer -> [String: Any] in
      [
        "port": buffer.name, "elements": buffer.elements, "element_type": buffer.type,
        "hbm_channels": buffer.channels, "purpose": buffer.purpose,
      ]
    }
    return result
  }

  func estimates() -> [String: Any] {
    let metrics = plan.metrics
    return [
      "latency_ms": metrics.latencyMs, "ttft_ms": metrics.ttftMs,
      "decode_tokens_per_s": metrics.decodeTokensPerS,
      "energy_mj_per_token": metrics.energyMJPerToken, "tokens_per_joule": metrics.tokensPerJoule,
      "power_w": metrics.powerW, "dsp": metrics.dsp, "bram18k": metrics.bram18k,
      "uram": metrics.uram, "lut": metrics.lut, "ff": metrics.ff, "channels": metrics.channels,
      "utilisation": metrics.utilisation, "roofline_latency_ms": metrics.rooflineLatencyMs,
      "roofline_distance": metrics.rooflineDistance, "feasible": metrics.feasible,
      "reasons": metrics.reasons, "region_latency_cycles": metrics.regionLatencyCycles,
      "kernels": metrics.kernels.map { kernel -> [String: Any] in
        [
          "name": kernel.name, "region": kernel.region, "slr": kernel.slr, "lanes": kernel.lanes,
          "latency_cycles": kernel.latencyCycles, "initial_delay_cycles": kernel.initialDelayCycles,
          "ii_cycles": kernel.iiCycles, "dsp": kernel.dsp, "bram18k": kernel.bram18k,
          "uram": kernel.uram, "lut": kernel.lut, "ff": kernel.ff, "channels": kernel.channels,
        ]
      },
      "requests": metrics.requests.map { request -> [String: Any] in
        [
          "input_tokens": request.request.inputTokens,
          "output_tokens": request.request.outputTokens, "ttft_ms": request.ttftMs,
          "latency_ms": request.latencyMs, "decode_tokens_per_s": request.decodeTokensPerS,
          "energy_mj": request.energyMJ,
        ]
      },
    ]
  }

  static func jsonValue(_ value: DesignValue) -> Any {
    switch value {
    case .int(let number): return number
    case .string(let text): return text
    case .bool(let flag): return flag
    }
  }

  func fusionText(_ fusion: FusionPlan) -> String {
    switch fusion {
    case .all: return "all"
    case .greedy(let budget): return "greedy (budget \(budget) bytes)"
    case .unfused(let edges):
      return edges.isEmpty
        ? "explicit (every edge fused)"
        : "explicit (unfused: \(edges.map(\.description).sorted().joined(separator: ", ")))"
    }
  }

  func realisationText(_ realisation: EdgeRealisation) -> String {
    switch realisation {
    case .direct: return "fifo"
    case .converter(let shared): return "fifo + layout converter (\(shared) shared loops)"
    case .absorbed: return "fifo into the attention kernel, which appends to the KV cache"
    case .external: return "external memory (unfused)"
    }
  }
}
