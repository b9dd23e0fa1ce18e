import StreamTune

/// Prints the C++ function of one kernel from the template of its operation.
///
/// Every kernel walks its tile loops in the design's loop order, reads one token (tile) of
/// each streamed input per tile iteration (the order `StreamWalk.input` describes), and
/// writes each output tile once it is complete. Point loops inside a tile carry the design's
/// unroll factors as `#pragma HLS unroll` and the arrays they read in one cycle are
/// partitioned by the same factors.
struct KernelEmitter {
  let plan: ProjectPlan
  let kernel: KernelPlan

  /// The function's parameter list: input FIFOs, external-memory ports, output FIFOs and the
  /// run-time sizes.
  var parameters: [String] {
    var result: [String] = []
    for (index, input) in kernel.inputs.enumerated() {
      result.append("hls::stream<\(input.walk.tokenType)>& in\(index)")
    }
    for port in kernel.ports {
      let writable = port.name.hasSuffix("_cache")
      result.append("\(writable ? "" : "const ")\(port.type)* \(port.name)")
    }
    for index in kernel.outputStreams.indices {
      result.append("hls::stream<\(kernel.outputWalk.tokenType)>& out\(index)")
    }
    return result + ["int rows", "int past"]
  }

  /// The call arguments matching `parameters`, inside a region.
  var arguments: [String] {
    kernel.inputs.map(\.stream) + kernel.ports.map(\.name) + kernel.outputStreams
      + ["rows", "past"]
  }

  /// The function definition.
  func definition() -> String {
    var code = CppBuilder()
    code.line("// \(kernel.kernel.name): \(summary())")
    code.open("void \(kernel.functionName)(\(parameters.joined(separator: ", ")))")
    code.line("const int keys = past + rows;")
    code.line("(void)keys;")
    switch kernel.kernel.operation {
    case .gemm, .attentionScore, .attentionContext, .lmHead:
      ContractionTemplate(emitter: self).body(&code)
    case .layerNorm, .rmsNorm, .softmax, .rope:
      RowTemplate(emitter: self).body(&code)
    case .activation, .gatedActivation, .residualAdd:
      ElementwiseTemplate(emitter: self).body(&code)
    case .embedding:
      // TODO: Emit the embedding lookup; the block graph never contains it, since the
      // head kernels are placed outside the block.
      code.line("(void)rows;")
    }
    code.close()
    return code.text
  }

  func summary() -> String {
    let loops = kernel.levels.map { level -> String in
      var text = "\(level.name)\(level.kind == .reduction ? "(r)" : "")=\(level.extent.cpp)"
      text += " tile \(level.tile)"
      if level.unroll > 1 { text += " unroll \(level.unroll)" }
      return text
    }
    return "\(kernel.kernel.operation.rawValue), loops \(loops.joined(separator: ", "))"
  }

  // MARK: - Shared pieces

  /// Level of a loop name.
  func level(_ name: String) -> EmitLevel? { kernel.levels.first { $0.name == name } }

  /// Opens the tile loops in the design's order; trivial loops become constants.
  func openTileLoops(_ code: inout CppBuilder, _ levels: [EmitLevel]) -> Int {
    for level in levels where level.isTrivial {
      code.line("const int \(level.tileVariable) = 0;")
    }
    var opened = 0
    for level in levels where !level.isTrivial {
      code.open(
        "for (int \(level.tileVariable) = 0; \(level.tileVariable) < \(level.tripCpp); "
          + "++\(level.tileVariable))")
      opened += 1
    }
    return opened
  }

  /// Opens the point loops of a tile with unroll pragmas and bounds checks.
  func openPointLoops(_ code: inout CppBuilder, _ levels: [EmitLevel], pipeline: Bool = true)
    -> Int
  {
    for (position, level) in levels.enumerated() {
      code.open(
        "for (int \(level.pointVariable) = 0; \(level.pointVariable) < \(level.tile); "
          + "++\(level.pointVariable))")
      var pragmas: [String] = []
      if position == levels.count - 1 && pipeline { pragmas.append("pipeline II=1") }
      if level.unroll > 1 { pragmas.append("unroll factor=\(level.unroll)") }
      code.pragmas(pragmas)
      if level.needsGuard {
        code.line("if (\(level.globalCpp) >= \(level.extent.cpp)) continue;")
      }
    }
    return levels.count
  }

  /// Closes `count` blocks.
  func close(_ code: inout CppBuilder, _ count: Int) {
    for _ in 0..<count { code.close() }
  }

  /// The element of a streamed token at the current point: one point index per dimension.
  func tokenElement(_ variable: String, view: TensorView) -> String {
    let indices = (view.dims.map { level($0)?.pointVariable ?? "0" } + ["0", "0", "0"]).prefix(3)
    return "\(variable).v" + indices.map { "[\($0)]" }.joined()
  }

  /// Writes the token `variable` to every output FIFO.
  func writeOutputs(_ code: inout CppBuilder, _ variable: String) {
    for index in kernel.outputStreams.indices { code.line("out\(index).write(\(variable));") }
  }

  /// `bind_storage` for an array by the design's memory-binding thresholds, applied to the
  /// bits of one bank as the cost model does.
  func bindStorage(_ array: String, elements: Int, elementBits: Int, banks: Int) -> String {
    ArrayBinding.pragma(
      array: array, elements: elements, elementBits: elementBits, banks: banks,
      binding: plan.point.memoryBinding)
  }

  /// Bits of an element of a C++ type name.
  func bits(_ type: String) -> Int {
    switch type {
    case "act_t": return plan.numerics.activationBits
    case "wt_t": return plan.numerics.weightBits
    default: return 32
    }
  }
}

/// Chooses LUTRAM, BRAM or URAM for an array.
enum ArrayBinding {
  /// The `bind_storage` pragma text for an array of `elements` in `banks` partitions.
  static func pragma(
    array: String, elements: Int, elementBits: Int, banks: Int, binding: MemoryBinding
  ) -> String {
    "bind_storage variable=\(array) type=ram_2p impl=\(implementation(elements: elements, elementBits: elementBits, banks: banks, binding: binding))"
  }

  static func implementation(elements: Int, elementBits: Int, banks: Int, binding: MemoryBinding)
    -> String
  {
    let bankBits = (elements + max(1, banks) - 1) / max(1, banks) * elementBits
    if bankBits <= binding.lutramMaxBits { return "lutram" }
    if bankBits >= binding.uramMinBits { return "uram" }
    return "bram"
  }
}
