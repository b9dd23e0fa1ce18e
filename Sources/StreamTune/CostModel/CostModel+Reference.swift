extension CostModel {
  /// Evaluates one design point the direct way: every distinct kernel estimated and every phase
  /// timed from scratch, with no cache beyond the solver caches.
  ///
  /// `evaluate` must return the same metrics (to rounding); the tests compare both on random
  /// points, so this stays as the executable definition of the model.
  ///
  /// - Returns: the metrics; an infeasible point gets all of them plus its reasons.
  /// - Complexity: O(phases × (kernels + edges) + distinct kernels × loops).
  func evaluateReference(_ point: DesignPoint) -> Metrics {
    let designs = layout.names.map { point.design(of: $0) }
    let nests = layout.instances.indices.map {
      LoopNest(kernel: layout.instances[$0], design: designs[layout.instanceKernel[$0]])
    }
    let partition = fusionPartition(point, designs: designs, nests: nests)
    let estimates = kernelEstimates(point, designs: designs, nests: nests, partition: partition)
    var converters = ConverterTable()
    let fifo = sizeFIFOs(
      point, nests: nests, estimates: estimates, partition: partition, converters: &converters)
    let resources = totalResources(
      point, estimates: estimates, partition: partition, fifo: fifo)
    let placement = placeKernels(point, resources: resources, fifo: fifo, partition: partition)
    let timing = timeWorkload(
      point, nests: nests, estimates: estimates, partition: partition, placement: placement,
      converters: &converters)
    var reference = phases[referencePhase].instanceOf
    if let head = layout.lmHeadInstance { reference.append(head) }
    return metrics(
      point, referenceEstimates: reference.map { estimates[$0] }, partition: partition,
      fifo: fifo, resources: resources, placement: placement, timing: timing)
  }
}
