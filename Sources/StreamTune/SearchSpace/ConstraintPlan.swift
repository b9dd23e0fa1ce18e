/// The built-in constraints of a design space, resolved per kernel and loop.
struct ConstraintPlan {
  var bounds: [DesignSpace.Bound] = []
  var laneKernels: [[DesignSpace.Source]] = []
  var constantLanes = 0

  /// Resolves which variable (or default) sets every tile and unroll factor, and derives the
  /// unroll-below-tile bounds, the memory-binding bound and the lane sources.
  ///
  /// - Complexity: O(k × l + v × t) for k kernels of l loops and v variables of t targets.
  init(
    variables: [DesignVariable], defaults: DesignDefaults, graph: BlockGraph,
    tokenLoops: [String: Set<String>]
  ) {
    var tileVariable: [String: Int] = [:]
    var unrollVariable: [String: Int] = [:]
    var lutramVariable: Int?
    var uramVariable: Int?
    for (index, variable) in variables.enumerated() {
      switch variable.parameter {
      case .tile:
        for kernel in variable.kernels { tileVariable["\(kernel).\(variable.loop ?? "")"] = index }
      case .unroll:
        for kernel in variable.kernels {
          unrollVariable["\(kernel).\(variable.loop ?? "")"] = index
        }
      case .lutramMaxBits: lutramVariable = index
      case .uramMinBits: uramVariable = index
      default: break
      }
    }

    for kernel in graph.kernels {
      var unrollSources: [DesignSpace.Source] = []
      for loop in kernel.loops {
        let key = "\(kernel.name).\(loop.name)"
        let isTokenLoop = tokenLoops[kernel.name]?.contains(loop.name) ?? false
        let defaultUnroll = defaults.unroll(kernel: kernel.name, loop: loop.name)
        let defaultTile =
          defaults.tile(kernel: kernel.name, loop: loop.name)
          ?? (isTokenLoop ? nil : loop.tripCount)

        let unroll: DesignSpace.Source
        if let index = unrollVariable[key] {
          unroll = .variable(index: index, fallback: defaultUnroll)
        } else {
          unroll = .constant(defaultUnroll)
        }
        unrollSources.append(unroll)

        var tile: DesignSpace.Source?
        if let index = tileVariable[key] {
          tile = .variable(index: index, fallback: defaultTile ?? Int.max)
        } else if let defaultTile {
          tile = .constant(defaultTile)
        }
        if let tile, !(Self.isConstant(unroll) && Self.isConstant(tile)) {
          bounds.append(DesignSpace.Bound(lower: unroll, upper: tile, strict: false))
        }
      }

      if unrollSources.contains(where: { !Self.isConstant($0) }) {
        laneKernels.append(unrollSources)
      } else {
        constantLanes += unrollSources.reduce(1) { product, source in
          if case .constant(let value) = source { return product * value }
          return product
        }
      }
    }

    if lutramVariable != nil || uramVariable != nil {
      let lower: DesignSpace.Source =
        lutramVariable.map { .variable(index: $0, fallback: defaults.lutramMaxBits) }
        ?? .constant(defaults.lutramMaxBits)
      let upper: DesignSpace.Source =
        uramVariable.map { .variable(index: $0, fallback: defaults.uramMinBits) }
        ?? .constant(defaults.uramMinBits)
      bounds.append(DesignSpace.Bound(lower: lower, upper: upper, strict: true))
    }
  }

  static func isConstant(_ source: DesignSpace.Source) -> Bool {
    if case .constant = source { return true }
    return false
  }
}
