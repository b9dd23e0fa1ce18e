/// The cost model of a search space, rebuilt for any efficiency constants, evaluating the
/// measured designs.
///
/// The block graphs of every phase are built once; each evaluation builds a cost model from
/// them with the platform's efficiency replaced and evaluates every distinct design point.
public struct CalibrationModel: Sendable {
  public let space: SearchSpace
  public let designs: [MeasuredDesign]
  public let points: [DesignPoint]
  /// The platform of the fit: the space's, with the measurement clock when one is given.
  public let platform: Platform
  let groups: [LayerGroup]
  let lmHead: Kernel?
  let workload: Workload
  /// Index into `distinctPoints` of every design.
  let pointOfDesign: [Int]
  let distinctPoints: [DesignPoint]

  /// Prepares the graphs for every request of the measured designs.
  ///
  /// - Parameters:
  ///   - space: The search space: model, precision, platform, LM head placement and batch.
  ///   - designs: The measured designs.
  ///   - points: One design point per measured design.
  ///   - clockMHz: Kernel clock of the measurements; `nil` keeps the space's clock.
  public init(
    space: SearchSpace, designs: [MeasuredDesign], points: [DesignPoint], clockMHz: Double? = nil
  ) {
    precondition(designs.count == points.count, "one design point per measured design")
    self.space = space
    self.designs = designs
    self.points = points
    var platform = space.platform
    if let clockMHz { platform.clockMHz = clockMHz }
    self.platform = platform

    var requests: [Request] = []
    for design in designs where !requests.contains(design.request) {
      requests.append(design.request)
    }
    var workload = space.workload
    workload.requests = requests
    self.workload = workload

    let config = space.model
    let precision = space.precision
    let kinds = config.attentionKinds.isEmpty ? [AttentionKind.full] : config.attentionKinds
    groups = kinds.map { kind in
      LayerGroup(
        layerCount: config.attentionKinds.isEmpty ? config.layers : config.layerCount(of: kind),
        workload: workload
      ) { phase in
        BlockGraphBuilder.build(
          config, precision: precision, phase: phase, batchSize: workload.batchSize,
          attention: kind)
      }
    }
    lmHead =
      workload.lmHead == .fpga
      ? BlockGraphBuilder.lmHead(config, precision: precision, batchSize: workload.batchSize)
      : nil

    var distinct: [DesignPoint] = []
    var indices: [Int] = []
    for point in points {
      if let found = distinct.firstIndex(of: point) {
        indices.append(found)
      } else {
        indices.append(distinct.count)
        distinct.append(point)
      }
    }
    distinctPoints = distinct
    pointOfDesign = indices
  }

  /// The cost model with `efficiency` in place of the platform's constants.
  public func costModel(efficiency: Efficiency) -> CostModel {
    var adjusted = platform
    adjusted.efficiency = efficiency
    return CostModel(
      groups: groups, lmHead: lmHead, workload: workload, precision: space.precision,
      platform: adjusted)
  }

  /// The model's figures for every measured design's request.
  ///
  /// - Parameter efficiency: The constants to evaluate with.
  /// - Returns: One `RequestMetrics` per measured design, in order.
  /// - Complexity: One cost-model build plus one evaluation per distinct design point.
  public func requestMetrics(efficiency: Efficiency) -> [RequestMetrics] {
    let model = costModel(efficiency: efficiency)
    let evaluated = distinctPoints.map { model.evaluate($0) }
    return designs.indices.map { index in
      let metrics = evaluated[pointOfDesign[index]]
      let request = designs[index].request
      return metrics.requests.first { $0.request == request } ?? metrics.requests[0]
    }
  }
}
