import StreamTune

/// Prints the layout converters and the processes that move tensors between external memory
/// and FIFOs.
enum TransferEmitter {
  /// Opens one loop per step of a walk, with loop variables `prefix0`, `prefix1`, ...
  static func openWalk(_ code: inout CppBuilder, _ steps: [WalkStep], prefix: String) -> Int {
    for (position, step) in steps.enumerated() {
      let variable = "\(prefix)\(position)"
      code.open("for (int \(variable) = 0; \(variable) < \(step.level.tripCpp); ++\(variable))")
    }
    return steps.count
  }

  /// Opens the element loops of a token and defines the global coordinate `name0`, `name1`,
  /// ... of each dimension; `tiles` gives the walk variable of each walked dimension.
  static func openElements(
    _ code: inout CppBuilder, walk: StreamWalk, tiles: [Int: String], name: String,
    skipOutside: Bool
  ) -> Int {
    for (dimension, size) in walk.tokenShape.enumerated() {
      code.open("for (int e\(dimension) = 0; e\(dimension) < \(size); ++e\(dimension))")
      let global = tiles[dimension].map { "\($0) * \(size) + e\(dimension)" } ?? "e\(dimension)"
      code.line("const int \(name)\(dimension) = \(global);")
      if skipOutside {
        code.line("if (\(name)\(dimension) >= \(walk.tensor.extents[dimension].cpp)) continue;")
      }
    }
    code.pragma("pipeline II=1")
    return walk.tokenShape.count
  }

  static func element(_ variable: String, rank: Int) -> String {
    variable + ".v"
      + ((0..<rank).map { "[e\($0)]" } + Array(repeating: "[0]", count: 3 - rank))
      .joined()
  }

  /// Flat row-major index over the largest extents of a tensor.
  static func flatIndex(_ view: TensorView, prefix: String) -> String {
    var terms: [String] = []
    var stride = 1
    for dimension in (0..<view.dims.count).reversed() {
      terms.append(stride == 1 ? "\(prefix)\(dimension)" : "\(prefix)\(dimension) * \(stride)")
      stride *= view.maxima[dimension]
    }
    return terms.reversed().joined(separator: " + ")
  }

  /// Walk variables of the walked dimensions.
  static func tiles(
    _ walk: StreamWalk, prefix: String, from start: Int = 0,
    shared: [Int: String] = [:]
  ) -> [Int: String] {
    var result = shared
    for (position, step) in walk.steps.enumerated() where position >= start {
      if let dimension = step.dimension { result[dimension] = "\(prefix)\(position)" }
    }
    return result
  }

  /// Prints a layout converter. Per iteration of the shared loops it fills a slab in the
  /// producer's order and replays it in the consumer's order.
  static func converter(_ edge: EdgePlan, shared: Int, binding: ArrayBindingContext) -> String {
    var code = CppBuilder()
    let producer = edge.producerWalk
    let consumer = edge.consumerWalk
    let name = "cv_\(edge.streamName.dropFirst(2))"
    code.line(
      "// Layout converter \(edge.label) (\(edge.tensor)): \(shared) shared loop(s); the slab is "
        + "refilled once per shared iteration.")
    code.open(
      "void \(name)(hls::stream<\(producer.tokenType)>& in, hls::stream<\(consumer.tokenType)>& out, "
        + "int rows, int past)")
    code.line("const int keys = past + rows;")
    code.line("(void)keys;")

    var sharedDimensions: [Int: Int] = [:]
    for position in 0..<shared {
      if let dimension = producer.steps[position].dimension {
        sharedDimensions[dimension] = position
      }
    }
    let slab = producer.tensor.maxima.enumerated().map { dimension, maximum -> Int in
      let tile = producer.tokenShape[dimension]
      return sharedDimensions[dimension] != nil ? tile : (maximum + tile - 1) / tile * tile
    }
    code.line("static \(producer.tensor.elementType) slab" + slab.map { "[\($0)]" }.joined() + ";")
    code.pragma(
      ArrayBinding.pragma(
        array: "slab", elements: slab.reduce(1, *),
        elementBits: binding.bits(producer.tensor.elementType),
        banks: 1, binding: binding.binding))

    var opened = openWalk(&code, Array(producer.steps.prefix(shared)), prefix: "s")
    let sharedTiles = Dictionary(
      uniqueKeysWithValues: sharedDimensions.map { ($0.key, "s\($0.value)") })

    code.line("// Fill the slab in the producer's order.")
    var inner = openWalk(&code, Array(producer.steps.dropFirst(shared)), prefix: "f")
    var fillTiles = sharedTiles
    for (position, step) in producer.steps.enumerated() where position >= shared {
      if let dimension = step.dimension { fillTiles[dimension] = "f\(position - shared)" }
    }
    code.line("const \(producer.tokenType) token = in.read();")
    var elements = openElements(
      &code, walk: producer, tiles: fillTiles, name: "g", skipOutside: true)
    let slot = { (prefix: String) in
      (0..<producer.tensor.dims.count).map { dimension in
        sharedDimensions[dimension] != nil
          ? "[\(prefix)\(dimension) % \(producer.tokenShape[dimension])]"
          : "[\(prefix)\(dimension)]"
      }.joined()
    }
    code.line("slab\(slot("g")) = \(element("token", rank: producer.tokenShape.count));")
    close(&code, elements + inner)

    code.line("// Replay it in the consumer's order.")
    inner = openWalk(&code, Array(consumer.steps.dropFirst(shared)), prefix: "d")
    var drainTiles = sharedTiles
    for (position, step) in consumer.steps.enumerated() where position >= shared {
      if let dimension = step.dimension { drainTiles[dimension] = "d\(position - shared)" }
    }
    code.line("\(consumer.tokenType) o;")
    elements = openElements(&code, walk: consumer, tiles: drainTiles, name: "c", skipOutside: true)
    code.lines(
      edge.mapping.producerCoordinates(consumer: (0..<consumer.tokenShape.count).map { "c\($0)" }))
    code.line("\(element("o", rank: consumer.tokenShape.count)) = slab\(slot("pg"));")
    close(&code, elements)
    code.line("out.write(o);")
    close(&code, inner)
    opened += 0
    close(&code, opened)
    code.close()
    return code.text
  }

  /// Prints a load (external memory to FIFO, in the walk's order) or a store (FIFO to memory).
  static func transfer(_ transfer: MemoryTransfer) -> String {
    var code = CppBuilder()
    let walk = transfer.walk
    let type = transfer.walk.tensor.elementType
    let producer = transfer.mapping.producer
    if transfer.isStore {
      code.line("// Writes \(transfer.pointer) from the FIFO, row-major over the largest extents.")
      code.open(
        "void \(transfer.name)(hls::stream<\(walk.tokenType)>& in, \(type)* \(transfer.pointer), "
          + "int rows, int past)")
    } else {
      code.line("// Reads \(transfer.pointer) into the FIFO in the consumer's token order.")
      code.open(
        "void \(transfer.name)(const \(producer.elementType)* \(transfer.pointer), "
          + "hls::stream<\(walk.tokenType)>& out, int rows, int past)")
    }
    code.line("const int keys = past + rows;")
    code.line("(void)keys;")
    let loops = openWalk(&code, walk.steps, prefix: "w")
    let tiles = tiles(walk, prefix: "w")
    if transfer.isStore {
      code.line("const \(walk.tokenType) token = in.read();")
      let elements = openElements(&code, walk: walk, tiles: tiles, name: "g", skipOutside: true)
      code.line(
        "\(transfer.pointer)[\(flatIndex(producer, prefix: "g"))] = "
          + "\(element("token", rank: walk.tokenShape.count));")
      close(&code, elements)
    } else {
      code.line("\(walk.tokenType) o;")
      let elements = openElements(&code, walk: walk, tiles: tiles, name: "c", skipOutside: true)
      code.lines(
        transfer.mapping.producerCoordinates(consumer: (0..<walk.tokenShape.count).map { "c\($0)" })
      )
      code.line(
        "\(element("o", rank: walk.tokenShape.count)) = "
          + "\(transfer.pointer)[\(flatIndex(producer, prefix: "pg"))];")
      close(&code, elements)
      code.line("out.write(o);")
    }
    close(&code, loops)
    code.close()
    return code.text
  }

  static func close(_ code: inout CppBuilder, _ count: Int) {
    for _ in 0..<count { code.close() }
  }
}

/// Memory-binding thresholds and element widths for converter slabs.
struct ArrayBindingContext {
  var binding: StreamTune.MemoryBinding
  var numerics: Numerics

  func bits(_ type: String) -> Int {
    switch type {
    case "act_t": return numerics.activationBits
    case "wt_t": return numerics.weightBits
    default: return 32
    }
  }
}
