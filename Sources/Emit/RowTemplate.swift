import StreamTune

/// Kernels whose output element depends on a whole row of the input. These are LayerNorm and
/// RMSNorm over the hidden size (or the head dimension for Q/K norms), softmax over the keys,
/// and RoPE, which pairs element i of a head with element i + rotary/2.
///
/// The loops from the row loop inward in the design's order are buffered whole: the kernel
/// reads all their tiles, computes every row, then writes the tiles in the same order.
struct RowTemplate {
  let emitter: KernelEmitter

  var kernel: KernelPlan { emitter.kernel }

  var rowLoop: String { kernel.kernel.operation == .rope ? "d" : "n" }

  func body(_ code: inout CppBuilder) {
    let levels = kernel.levels
    let rowPosition = levels.firstIndex { $0.name == rowLoop } ?? 0
    let inner = Set(levels[rowPosition...].map(\.name))
    let input = kernel.inputs[0].walk.tensor
    let output = kernel.output

    // Buffer dimensions: inner loops at full extent (indexed globally), outer loops one tile.
    func size(_ name: String, _ maximum: Int) -> Int {
      let level = emitter.level(name)!
      return inner.contains(name)
        ? (min(maximum, level.maximum) + level.tile - 1) / level.tile * level.tile : level.tile
    }
    func index(_ name: String) -> String {
      let level = emitter.level(name)!
      return inner.contains(name) ? level.globalCpp : level.pointVariable
    }
    let inputSizes = zip(input.dims, input.maxima).map { size($0, $1) }
    let outputSizes = zip(output.dims, output.maxima).map { size($0, $1) }
    code.line("static \(input.elementType) in_buf" + inputSizes.map { "[\($0)]" }.joined() + ";")
    code.line("static \(output.elementType) out_buf" + outputSizes.map { "[\($0)]" }.joined() + ";")
    code.pragmas([
      emitter.bindStorage(
        "in_buf", elements: inputSizes.reduce(1, *), elementBits: emitter.bits(input.elementType),
        banks: 1),
      emitter.bindStorage(
        "out_buf", elements: outputSizes.reduce(1, *),
        elementBits: emitter.bits(output.elementType), banks: 1),
    ])
    loadParameters(&code)
    code.line("")

    let opened = emitter.openTileLoops(&code, Array(levels[..<rowPosition]))
    code.line("// Read every tile of the rows.")
    code.open("")
    var innerOpened = emitter.openTileLoops(&code, Array(levels[rowPosition...]))
    code.line("const \(kernel.inputs[0].walk.tokenType) token = in0.read();")
    var points = emitter.openPointLoops(&code, levels)
    code.line(
      "in_buf" + input.dims.map { "[\(index($0))]" }.joined() + " = "
        + emitter.tokenElement("token", view: input) + ";")
    emitter.close(&code, points + innerOpened)
    code.close()

    code.line("// Compute every row.")
    computeRows(&code, inputSizes: inputSizes, inner: inner)

    code.line("// Write every tile of the rows.")
    code.open("")
    innerOpened = emitter.openTileLoops(&code, Array(levels[rowPosition...]))
    code.line("\(kernel.outputWalk.tokenType) o;")
    points = emitter.openPointLoops(&code, levels)
    code.line(
      emitter.tokenElement("o", view: output) + " = out_buf"
        + output.dims.map { "[\(index($0))]" }.joined() + ";")
    emitter.close(&code, points)
    emitter.writeOutputs(&code, "o")
    emitter.close(&code, innerOpened)
    code.close()
    emitter.close(&code, opened)
  }

  /// Copies the norm parameters into on-chip arrays.
  func loadParameters(_ code: inout CppBuilder) {
    for port in kernel.ports {
      let width = kernel.kernel.inputs.first { $0.name == port.name }?.elementCount ?? 1
      code.line("param_t \(port.name)_local[\(width)];")
      code.open("for (int i = 0; i < \(width); ++i)")
      code.pragma("pipeline II=1")
      code.line("\(port.name)_local[i] = \(port.name)[i];")
      code.close()
    }
  }

  /// Loops over every row held in the buffer and applies the operation.
  func computeRows(_ code: inout CppBuilder, inputSizes: [Int], inner: Set<String>) {
    let input = kernel.inputs[0].walk.tensor
    var opened = 0
    var rowIndex: [String] = []
    var globals: [String: String] = [:]
    for (dimension, name) in input.dims.enumerated() {
      if name == rowLoop {
        rowIndex.append("i")
        continue
      }
      let level = emitter.level(name)!
      let variable = "c_\(name)"
      code.open("for (int \(variable) = 0; \(variable) < \(inputSizes[dimension]); ++\(variable))")
      opened += 1
      let global =
        inner.contains(name) ? variable : "(\(level.tileVariable) * \(level.tile) + \(variable))"
      globals[name] = global
      code.line("if (\(global) >= \(input.extents[dimension].cpp)) continue;")
      rowIndex.append(variable)
    }

    let row = Row(
      extent: emitter.level(rowLoop)!.extent.cpp,
      element: { index in "in_buf" + rowIndex.map { "[\($0 == "i" ? index : $0)]" }.joined() },
      target: { index in "out_buf" + rowIndex.map { "[\($0 == "i" ? index : $0)]" }.joined() })
    switch kernel.kernel.operation {
    case .softmax:
      softmax(&code, row)
    case .rope:
      code.line("const int position = past + \(globals["m"] ?? "0");")
      code.open("for (int i = 0; i < \(row.extent); ++i)")
      code.line(
        "\(row.target("i")) = q_rope(\(row.element("i")), \(row.element("q_rope_partner(i)")), "
          + "position, i);")
      code.close()
    default:
      norm(&code, row)
    }
    emitter.close(&code, opened)
  }

  /// One row of the buffers: its length and the C++ expressions of its elements.
  struct Row {
    var extent: String
    var element: (String) -> String
    var target: (String) -> String
  }

  func softmax(_ code: inout CppBuilder, _ row: Row) {
    code.line("long long row_max = kMaskedScore;")
    code.open("for (int i = 0; i < \(row.extent); ++i)")
    code.line("const long long s = \(row.element("i"));")
    code.line("if (s != kMaskedScore && s > row_max) row_max = s;")
    code.close()

    code.line("long long sum = 0;")
    code.open("for (int i = 0; i < \(row.extent); ++i)")
    code.line("const long long s = \(row.element("i"));")
    code.line("if (s != kMaskedScore) sum += q_softmax_weight(s - row_max);")
    code.close()

    code.open("for (int i = 0; i < \(row.extent); ++i)")
    code.line("const long long s = \(row.element("i"));")
    code.line(
      "\(row.target("i")) = s == kMaskedScore ? 0 : "
        + "q_softmax_probability(q_softmax_weight(s - row_max), sum);")
    code.close()
  }

  func norm(_ code: inout CppBuilder, _ row: Row) {
    let gamma = kernel.ports.first { $0.name.hasPrefix("g_") }!.name + "_local"
    let beta = kernel.ports.first { $0.name.hasPrefix("b_") }.map { $0.name + "_local" }
    code.line("long long sum = 0;")
    code.line("long long squares = 0;")
    code.open("for (int i = 0; i < \(row.extent); ++i)")
    code.line("const long long x = \(row.element("i"));")
    code.line("sum += x;")
    code.line("squares += x * x;")
    code.close()

    if kernel.kernel.operation == .layerNorm {
      code.line("const long long inverse = q_layer_norm_inverse(sum, squares, \(row.extent));")
      code.open("for (int i = 0; i < \(row.extent); ++i)")
      code.line(
        "\(row.target("i")) = q_layer_norm(\(row.element("i")), sum, inverse, \(row.extent), "
          + "\(gamma)[i], \(beta.map { "\($0)[i]" } ?? "0"));")
    } else {
      code.line("const long long inverse = q_rms_norm_inverse(squares, \(row.extent));")
      code.open("for (int i = 0; i < \(row.extent); ++i)")
      code.line("\(row.target("i")) = q_rms_norm(\(row.element("i")), inverse, \(gamma)[i]);")
    }
    code.close()
  }
}

/// Elementwise kernels: activation, gated activation and residual add. One token of every
/// input makes one output token.
struct ElementwiseTemplate {
  let emitter: KernelEmitter

  var kernel: KernelPlan { emitter.kernel }

  func body(_ code: inout CppBuilder) {
    let opened = emitter.openTileLoops(&code, kernel.levels)
    for (index, input) in kernel.inputs.enumerated() {
      code.line("const \(input.walk.tokenType) a\(index) = in\(index).read();")
    }
    code.line("\(kernel.outputWalk.tokenType) o;")
    let points = emitter.openPointLoops(&code, kernel.levels)
    let operands = kernel.inputs.enumerated().map { index, input in
      emitter.tokenElement("a\(index)", view: input.walk.tensor)
    }
    let value: String
    switch kernel.kernel.operation {
    case .activation:
      value = "q_activation(\(operands[0]))"
    case .gatedActivation:
      value = "q_gated(\(operands[0]), \(operands[1]))"
    default:
      value =
        "q_saturate(" + operands.map { "(long long)\($0)" }.joined(separator: " + ")
        + ", kActBits)"
    }
    code.line("\(emitter.tokenElement("o", view: kernel.output)) = \(value);")
    emitter.close(&code, points)
    emitter.writeOutputs(&code, "o")
    emitter.close(&code, opened)
  }
}
