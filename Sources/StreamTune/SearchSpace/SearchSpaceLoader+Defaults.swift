/// The `design.defaults` section.
extension SearchSpaceLoader {
  static let defaultKeys = [
    "tile", "unroll", "loop_order", "channels", "fuse", "fusion_policy", "fusion_budget_bytes",
    "fifo_equalisation", "lutram_max_bits", "uram_min_bits", "slr_placement",
  ]

  /// Largest tile accepted, in elements.
  static let maxTile = 1 << 20
  /// Largest unroll factor accepted, in lanes.
  static let maxUnroll = 4096

  /// External-memory channels of a platform, over all its memories.
  static func channelCount(_ platform: Platform?) -> Int {
    guard let platform else { return 64 }
    return max(1, platform.memories.reduce(0) { $0 + $1.channels })
  }

  /// On-chip memory of a platform (BRAM18K and URAM288 blocks), in bytes.
  static func onChipBytes(_ platform: Platform?) -> Int {
    guard let platform else { return 0 }
    let total = platform.totalResources
    return total.bram18k * 18 * 1024 / 8 + total.uram * 288 * 1024 / 8
  }

  static func readDefaults(
    _ node: JSONNode?, catalog: KernelCatalog?, platform: Platform?, reader: inout SpaceReader
  ) -> DesignDefaults? {
    var defaults = DesignDefaults(fusionBudgetBytes: max(1, onChipBytes(platform)))
    guard let node else { return defaults }
    let path = "design.defaults"
    guard reader.object(node, at: path, allowed: defaultKeys) != nil else { return nil }
    let before = reader.problems.count

    if let field = node["tile"] {
      let table = readLoopTable(
        field, at: "\(path).tile", range: 1...maxTile, what: "tile", catalog: catalog,
        reader: &reader)
      defaults.tileByLoop = table.byLoop
      defaults.tileByKernel = table.byKernel
    }
    if let field = node["unroll"] {
      let table = readLoopTable(
        field, at: "\(path).unroll", range: 1...maxUnroll, what: "unroll factor",
        catalog: catalog, reader: &reader)
      defaults.unrollByLoop = table.byLoop
      defaults.unrollByKernel = table.byKernel
    }
    if let field = node["loop_order"],
      let name = reader.string(
        field, at: "\(path).loop_order", what: "loop order", among: LoopOrder.names),
      let order = DesignDefaults.loopOrder(named: name)
    {
      defaults.loopOrder = order
    }
    if let field = node["channels"],
      let value = reader.integer(
        field, at: "\(path).channels", in: 1...channelCount(platform), what: "channels per DMA port"
      )
    {
      defaults.channels = value
    }
    if let field = node["fuse"], let value = reader.boolean(field, at: "\(path).fuse", what: "fuse")
    {
      defaults.fuse = value
    }
    if let field = node["fusion_policy"],
      let name = reader.string(
        field, at: "\(path).fusion_policy", what: "fusion policy",
        among: DesignParameter.fusionPolicy.categories),
      let policy = FusionPolicy(rawValue: name)
    {
      defaults.fusionPolicy = policy
    }
    if let field = node["fusion_budget_bytes"],
      let value = reader.integer(
        field, at: "\(path).fusion_budget_bytes", in: 1...(1 << 40), what: "fusion budget in bytes")
    {
      defaults.fusionBudgetBytes = value
    }
    if let field = node["fifo_equalisation"],
      let name = reader.string(
        field, at: "\(path).fifo_equalisation", what: "FIFO equalisation",
        among: DesignParameter.fifoEqualisation.categories),
      let mode = FIFOEqualisation(rawValue: name)
    {
      defaults.fifoEqualisation = mode
    }
    if let field = node["lutram_max_bits"],
      let value = reader.integer(
        field, at: "\(path).lutram_max_bits", in: 1...(1 << 30), what: "LUTRAM threshold in bits")
    {
      defaults.lutramMaxBits = value
    }
    if let field = node["uram_min_bits"],
      let value = reader.integer(
        field, at: "\(path).uram_min_bits", in: 1...(1 << 30), what: "URAM threshold in bits")
    {
      defaults.uramMinBits = value
    }
    if let field = node["slr_placement"],
      let name = reader.string(
        field, at: "\(path).slr_placement", what: "SLR placement",
        among: DesignParameter.slrPlacement.categories),
      let method = SLRPlacement(rawValue: name)
    {
      defaults.slrPlacement = method
    }

    if defaults.lutramMaxBits >= defaults.uramMinBits {
      reader.report(
        "lutram_max_bits (\(defaults.lutramMaxBits)) must be below uram_min_bits "
          + "(\(defaults.uramMinBits)) so that BRAM takes the buffers between them",
        at: "\(path).lutram_max_bits", node: node["lutram_max_bits"] ?? node)
    }
    if let catalog {
      checkDefaultUnrollBelowTile(defaults, node: node, catalog: catalog, reader: &reader)
    }
    return reader.problems.count == before ? defaults : nil
  }

  struct LoopTable {
    var byLoop: [String: Int] = [:]
    var byKernel: [String: [String: Int]] = [:]
  }

  /// Reads `{"n": 64, "fc1.k": 128}`: values per loop name or per kernel and loop.
  private static func readLoopTable(
    _ node: JSONNode, at path: String, range: ClosedRange<Int>, what: String,
    catalog: KernelCatalog?, reader: inout SpaceReader
  ) -> LoopTable {
    var table = LoopTable()
    guard case .object(let members) = node.value else {
      reader.report(
        "expected an object of \(what)s by loop (such as {\"n\": 64, \"fc1.k\": 128}), found "
          + "\(node.value.typeName) \(node.excerpt)", at: path, node: node)
      return table
    }
    let isTile = what == "tile"
    for member in members {
      let memberPath = SpaceReader.join(path, member.key)
      guard let value = reader.integer(member.value, at: memberPath, in: range, what: what) else {
        continue
      }
      let parts = member.key.split(separator: ".", omittingEmptySubsequences: false).map(
        String.init)
      if parts.count == 2 {
        let (kernelName, loopName) = (parts[0], parts[1])
        if let catalog {
          guard let kernel = catalog.kernel(named: kernelName) else {
            reader.report(
              "unknown kernel \"\(kernelName)\"\(DidYouMean.hint(for: kernelName, among: catalog.kernelNames)); "
                + "kernels: \(catalog.kernelNames.joined(separator: ", "))", at: memberPath,
              node: member.value)
            continue
          }
          guard let loop = kernel.loop(named: loopName) else {
            let loops = kernel.loops.map(\.name)
            reader.report(
              "kernel \(kernelName) has no loop \"\(loopName)\"\(DidYouMean.hint(for: loopName, among: loops)); "
                + "its loops: \(loops.joined(separator: ", "))", at: memberPath, node: member.value)
            continue
          }
          if isTile && !catalog.isTokenLoop(kernel: kernelName, loop: loopName)
            && loop.tripCount % value != 0
          {
            reportNonDividing(
              value, kernel: kernelName, loop: loop, at: memberPath, node: member.value,
              reader: &reader)
            continue
          }
        }
        table.byKernel[kernelName, default: [:]][loopName] = value
      } else if parts.count == 1 {
        if let catalog {
          let kernels = catalog.designGraph.kernels.filter { $0.loop(named: member.key) != nil }
          guard !kernels.isEmpty else {
            let loops = Array(Set(catalog.designGraph.kernels.flatMap { $0.loops.map(\.name) }))
              .sorted()
            reader.report(
              "no kernel has a loop \"\(member.key)\"\(DidYouMean.hint(for: member.key, among: loops)); "
                + "loops: \(loops.joined(separator: ", "))", at: memberPath, node: member.value)
            continue
          }
          if isTile,
            let kernel = kernels.first(where: { kernel in
              !catalog.isTokenLoop(kernel: kernel.name, loop: member.key)
                && kernel.loop(named: member.key)!.tripCount % value != 0
            })
          {
            reportNonDividing(
              value, kernel: kernel.name, loop: kernel.loop(named: member.key)!, at: memberPath,
              node: member.value, reader: &reader,
              hint: "; give that kernel its own entry \"\(kernel.name).\(member.key)\"")
            continue
          }
        }
        table.byLoop[member.key] = value
      } else {
        reader.report(
          "expected a loop name (\"n\") or a kernel and loop (\"fc1.n\"), found \"\(member.key)\"",
          at: memberPath, node: member.value)
      }
    }
    return table
  }

  static func reportNonDividing(
    _ tile: Int, kernel: String, loop: Loop, at path: String, node: JSONNode,
    reader: inout SpaceReader, hint: String = ""
  ) {
    let divisors = (1...min(loop.tripCount, 1 << 16)).filter { loop.tripCount % $0 == 0 }
    let below = divisors.last { $0 < tile }
    let above = divisors.first { $0 > tile }
    let nearby = [below, above].compactMap { $0 }.map(String.init).joined(separator: " or ")
    reader.report(
      "tile \(tile) does not divide loop \(loop.name) of \(kernel) (trip count \(loop.tripCount)); "
        + "use a divisor such as \(nearby)\(hint)", at: path, node: node)
  }

  private static func checkDefaultUnrollBelowTile(
    _ defaults: DesignDefaults, node: JSONNode, catalog: KernelCatalog, reader: inout SpaceReader
  ) {
    for kernel in catalog.designGraph.kernels {
      for loop in kernel.loops {
        let unroll = defaults.unroll(kernel: kernel.name, loop: loop.name)
        let isToken = catalog.isTokenLoop(kernel: kernel.name, loop: loop.name)
        guard
          let tile = defaults.tile(kernel: kernel.name, loop: loop.name)
            ?? (isToken ? nil : loop.tripCount),
          unroll > tile
        else { continue }
        let key =
          defaults.unrollByKernel[kernel.name]?[loop.name] != nil
          ? "\(kernel.name).\(loop.name)" : loop.name
        reader.report(
          "unroll \(unroll) exceeds the tile \(tile) of loop \(loop.name) of \(kernel.name); an unroll "
            + "factor must not exceed its tile",
          at: SpaceReader.join("design.defaults.unroll", key),
          node: node["unroll"]?[key] ?? node)
        return
      }
    }
  }
}
