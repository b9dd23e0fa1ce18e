/// Mapping assignments to design points.
extension DesignSpace {
  /// The design point of every default, for the kernels of a graph.
  static func defaultPoint(defaults: DesignDefaults, graph: BlockGraph) -> DesignPoint {
    var kernels: [String: KernelDesign] = [:]
    for kernel in graph.kernels {
      var design = KernelDesign(loopOrder: defaults.loopOrder, channels: defaults.channels)
      for loop in kernel.loops {
        if let tile = defaults.tile(kernel: kernel.name, loop: loop.name) {
          design.tile[loop.name] = tile
        }
        let unroll = defaults.unroll(kernel: kernel.name, loop: loop.name)
        if unroll != 1 { design.unroll[loop.name] = unroll }
      }
      kernels[kernel.name] = design
    }
    let binding = MemoryBinding(
      lutramMaxBits: defaults.lutramMaxBits, uramMinBits: defaults.uramMinBits)
    return DesignPoint(
      kernels: kernels, fusion: .all, fifoEqualisation: defaults.fifoEqualisation,
      memoryBinding: binding, slrPlacement: defaults.slrPlacement)
  }

  /// Maps value indices to a design point, with defaults for inactive variables and for every
  /// decision that no variable searches.
  ///
  /// The assignment must be in range (see `isValid`); constraints are not checked here.
  ///
  /// - Parameter assignment: One value index per variable.
  /// - Returns: The design point.
  /// - Complexity: O(t) in the total number of variable targets.
  public func designPoint(for assignment: [Int]) -> DesignPoint {
    precondition(assignment.count == variables.count, "one value index per variable")
    var point = basePoint
    var policy = defaults.fusionPolicy
    var unfused = defaultUnfusedEdges

    for (index, variable) in variables.enumerated() {
      let value = variable.values[assignment[index]]
      let active = isActive(index, in: assignment)
      switch variable.parameter {
      case .tile:
        guard active, let tile = value.intValue, let loop = variable.loop else { continue }
        for kernel in variable.kernels {
          point.kernels[kernel, default: KernelDesign()].tile[loop] = tile
        }
      case .unroll:
        guard active, let unroll = value.intValue, let loop = variable.loop else { continue }
        for kernel in variable.kernels {
          point.kernels[kernel, default: KernelDesign()].unroll[loop] = unroll
        }
      case .loopOrder:
        guard active, let name = value.stringValue,
          let order = DesignDefaults.loopOrder(named: name)
        else { continue }
        for kernel in variable.kernels {
          point.kernels[kernel, default: KernelDesign()].loopOrder = order
        }
      case .channels:
        guard active, let channels = value.intValue else { continue }
        for kernel in variable.kernels {
          point.kernels[kernel, default: KernelDesign()].channels = channels
        }
      case .fuse:
        let fused = active ? (value.boolValue ?? defaults.fuse) : defaults.fuse
        if !fused { unfused.formUnion(variable.edges) }
      case .fifoEqualisation:
        guard active, let name = value.stringValue, let mode = FIFOEqualisation(rawValue: name)
        else { continue }
        point.fifoEqualisation = mode
      case .fusionPolicy:
        guard active, let name = value.stringValue, let chosen = FusionPolicy(rawValue: name)
        else { continue }
        policy = chosen
      case .lutramMaxBits:
        guard active, let bits = value.intValue else { continue }
        point.memoryBinding.lutramMaxBits = bits
      case .uramMinBits:
        guard active, let bits = value.intValue else { continue }
        point.memoryBinding.uramMinBits = bits
      case .slrPlacement:
        guard active, let name = value.stringValue, let method = SLRPlacement(rawValue: name)
        else { continue }
        point.slrPlacement = method
      }
    }

    switch policy {
    case .all: point.fusion = .all
    case .greedy: point.fusion = .greedy(budgetBytes: defaults.fusionBudgetBytes)
    case .explicit: point.fusion = .unfused(unfused)
    }
    return point
  }

  /// The value of every variable under an assignment, by name, with `nil` for inactive ones.
  public func values(for assignment: [Int]) -> [(name: String, value: DesignValue?)] {
    variables.enumerated().map { index, variable in
      (variable.name, isActive(index, in: assignment) ? variable.values[assignment[index]] : nil)
    }
  }
}
