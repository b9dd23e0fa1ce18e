import StreamTune

/// GEMM/GEMV against streamed weights and the two attention products against the KV cache:
/// `out[o] = sum over the reduction loop of A[a] × B[b]`, accumulated in int32.
///
/// A is the streamed input. B is a weight tile read from the kernel's m_axi port (GEMM) or a
/// key or value tile read from the KV cache (attention). The attention kernels first take the
/// new keys or values whole, in the producer's order, and append them to the cache.
struct ContractionTemplate {
  let emitter: KernelEmitter

  var kernel: KernelPlan { emitter.kernel }
  var numerics: Numerics { emitter.plan.numerics }

  /// Loop names of the B operand's dimensions.
  var bDims: [String] {
    switch kernel.kernel.operation {
    case .attentionScore: return ["n", "h", "d"]
    case .attentionContext: return ["n", "h", "d"]
    default: return ["k", "n"]
    }
  }

  var bType: String {
    kernel.kernel.operation == .gemm || kernel.kernel.operation == .lmHead ? "wt_t" : "act_t"
  }

  /// Returns the C++ expression of the element of B at the current global indices.
  func bSource() -> String {
    let global = { (name: String) in emitter.level(name)!.globalCpp }
    switch kernel.kernel.operation {
    case .attentionScore, .attentionContext:
      let cache = kernel.kernel.operation == .attentionScore ? "k_cache" : "v_cache"
      let group = numerics.heads / max(1, numerics.keyValueHeads)
      return
        "\(cache)[(\(global("n")) * kKeyValueHeads + \(global("h")) / \(group)) * kHeadDim + \(global("d"))]"
    default:
      let width = kernel.kernel.loop(named: "n")?.tripCount ?? 1
      return "\(kernel.ports[0].name)[\(global("k")) * \(width) + \(global("n"))]"
    }
  }

  func body(_ code: inout CppBuilder) {
    if kernel.inputs.count > 1 { absorb(&code, input: 1) }
    let levels = kernel.levels
    let reductionPosition = levels.firstIndex { $0.kind == .reduction && !$0.isTrivial }

    // Accumulator: output dimensions inside the outermost reduction tile loop stay open for the
    // whole reduction, so they take their full extent; the others take one tile.
    var accumulatorSizes: [Int] = []
    var accumulatorIndices: [String] = []
    var accumulatorBanks = 1
    var partitions: [String] = []
    for (dimension, name) in kernel.output.dims.enumerated() {
      let level = emitter.level(name)!
      let position = levels.firstIndex(of: level)!
      if let reductionPosition, position > reductionPosition {
        accumulatorSizes.append((level.maximum + level.tile - 1) / level.tile * level.tile)
        accumulatorIndices.append(level.globalCpp)
      } else {
        accumulatorSizes.append(level.tile)
        accumulatorIndices.append(level.pointVariable)
      }
      if level.unroll > 1 {
        partitions.append(
          "array_partition variable=acc cyclic factor=\(level.unroll) dim=\(dimension + 1)")
        accumulatorBanks *= level.unroll
      }
    }
    code.line("static acc_t acc" + accumulatorSizes.map { "[\($0)]" }.joined() + ";")
    code.pragmas(
      partitions + [
        emitter.bindStorage(
          "acc", elements: accumulatorSizes.reduce(1, *), elementBits: 32, banks: accumulatorBanks)
      ])

    var bBanks = 1
    var bPartitions: [String] = []
    let bSizes = bDims.map { emitter.level($0)!.tile }
    for (dimension, name) in bDims.enumerated() where emitter.level(name)!.unroll > 1 {
      let factor = emitter.level(name)!.unroll
      bPartitions.append(
        "array_partition variable=b_tile cyclic factor=\(factor) dim=\(dimension + 1)")
      bBanks *= factor
    }
    code.line("\(bType) b_tile" + bSizes.map { "[\($0)]" }.joined() + ";")
    code.pragmas(
      bPartitions + [
        emitter.bindStorage(
          "b_tile", elements: bSizes.reduce(1, *), elementBits: emitter.bits(bType), banks: bBanks)
      ])
    code.line("")

    let opened = emitter.openTileLoops(&code, levels)
    code.line("const \(kernel.inputs[0].walk.tokenType) a = in0.read();")
    loadB(&code)

    let reductions = levels.filter { $0.kind == .reduction }
    let first = reductions.map { "\($0.tileVariable) == 0" }
    let last = reductions.map { "\($0.tileVariable) == \($0.tripCpp) - 1" }
    code.line("const bool first = \(first.isEmpty ? "true" : first.joined(separator: " && "));")
    code.line("const bool last = \(last.isEmpty ? "true" : last.joined(separator: " && "));")
    let points = emitter.openPointLoops(&code, levels)
    let aView = kernel.inputs[0].walk.tensor
    let bIndex = bDims.map { "[\(emitter.level($0)!.pointVariable)]" }.joined()
    code.line("acc_t& cell = acc" + accumulatorIndices.map { "[\($0)]" }.joined() + ";")
    code.line(
      "const long long product = (long long)\(emitter.tokenElement("a", view: aView)) * "
        + "(long long)b_tile\(bIndex);")
    let startsCell = reductions.map { "\($0.pointVariable) == 0" }
    code.line(
      "if (first && \(startsCell.isEmpty ? "true" : startsCell.joined(separator: " && "))) "
        + "cell = product;")
    code.line("else cell += product;")
    emitter.close(&code, points)

    code.open("if (last)")
    code.line("\(kernel.outputWalk.tokenType) o;")
    let outputLevels = kernel.output.dims.map { emitter.level($0)! }
    let outputPoints = emitter.openPointLoops(&code, outputLevels)
    code.line(
      "const long long value = acc" + accumulatorIndices.map { "[\($0)]" }.joined() + ";")
    code.line("\(emitter.tokenElement("o", view: kernel.output)) = \(finalValue());")
    emitter.close(&code, outputPoints)
    emitter.writeOutputs(&code, "o")
    code.close()
    emitter.close(&code, opened)
  }

  /// Returns the C++ expression of an output element from the accumulated `value`.
  func finalValue() -> String {
    switch kernel.kernel.operation {
    case .attentionScore:
      let key = emitter.level("n")!.globalCpp
      let query = emitter.level("m")!.globalCpp
      return "(\(key) > past + \(query)) ? kMaskedScore : value"
    case .attentionContext:
      return "q_saturate(q_shift_round(value, kActBits - 1), kActBits)"
    default:
      let bias = kernel.ports.first { $0.name.hasPrefix("b_") }
      let biased = bias.map { "value + (long long)\($0.name)[\(emitter.level("n")!.globalCpp)]" }
      return "q_saturate(q_shift_round(\(biased ?? "value"), \(kernel.shift)), kActBits)"
    }
  }

  /// Copies the B tile of the current tile iteration from external memory.
  func loadB(_ code: inout CppBuilder) {
    let levels = bDims.map { emitter.level($0)! }
    var opened = 0
    for level in levels {
      code.open(
        "for (int \(level.pointVariable) = 0; \(level.pointVariable) < \(level.tile); "
          + "++\(level.pointVariable))")
      opened += 1
    }
    code.pragma("pipeline II=1")
    let checks = levels.filter(\.needsGuard).map { "\($0.globalCpp) < \($0.extent.cpp)" }
    let index = bDims.map { "[\(emitter.level($0)!.pointVariable)]" }.joined()
    if checks.isEmpty {
      code.line("b_tile\(index) = \(bSource());")
    } else {
      code.line(
        "b_tile\(index) = (\(checks.joined(separator: " && "))) ? \(bType)(\(bSource())) : \(bType)(0);"
      )
    }
    emitter.close(&code, opened)
  }

  /// Takes the new keys or values (input `input`) in the producer's order and appends them to
  /// the KV cache at positions past, past + 1, ...
  func absorb(_ code: inout CppBuilder, input: Int) {
    let plan = kernel.inputs[input]
    let cache = kernel.kernel.operation == .attentionScore ? "k_cache" : "v_cache"
    code.line("// Append the new \(cache == "k_cache" ? "keys" : "values") to the KV cache.")
    let walk = plan.walk
    var opened = 0
    for (position, step) in walk.steps.enumerated() {
      code.open("for (int a\(position) = 0; a\(position) < \(step.level.tripCpp); ++a\(position))")
      opened += 1
    }
    code.line("const \(walk.tokenType) token = in\(input).read();")
    let producer = walk.tensor
    for (dimension, size) in walk.tokenShape.enumerated() {
      code.open("for (int e\(dimension) = 0; e\(dimension) < \(size); ++e\(dimension))")
      opened += 1
      let step = walk.steps.firstIndex { $0.dimension == dimension }
      let global = step.map { "a\($0) * \(size) + e\(dimension)" } ?? "e\(dimension)"
      code.line("const int g\(dimension) = \(global);")
      code.line("if (g\(dimension) >= \(producer.extents[dimension].cpp)) continue;")
    }
    code.pragma("pipeline II=1")
    let mapping = plan.mapping
    if mapping.isIdentity {
      code.line("const int c0 = g0, c1 = g1, c2 = g2;")
    } else {
      var column: [String] = []
      var step = 1
      for index in stride(from: producer.dims.count - 1, through: 1, by: -1) {
        column.append(step == 1 ? "g\(index)" : "g\(index) * \(step)")
        step *= producer.maxima[index]
      }
      let width = mapping.consumer.maxima.dropFirst().reduce(1, *)
      code.line(
        "const int column = \(column.reversed().joined(separator: " + "))"
          + (mapping.columnOffset > 0 ? " - \(mapping.columnOffset)" : "") + ";")
      code.line("if (column < 0 || column >= \(width)) continue;")
      code.line("const int c0 = g0;")
      code.line("const int c1 = column / kHeadDim;")
      code.line("const int c2 = column % kHeadDim;")
    }
    code.line(
      "\(cache)[((past + c0) * kKeyValueHeads + c1) * kHeadDim + c2] = token.v"
        + (walk.tokenShape.indices.map { "[e\($0)]" }
        + Array(repeating: "[0]", count: 3 - walk.tokenShape.count)).joined() + ";")
    emitter.close(&code, opened)
    code.line("")
  }
}
