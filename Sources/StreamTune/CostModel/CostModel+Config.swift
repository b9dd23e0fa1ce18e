extension CostModel {
  /// Creates a cost model for a model architecture, building every block graph the workload
  /// needs: one layer group per attention kind (sliding-window layers read min(c, window) keys),
  /// prefill at every prompt length and decode at every context length of every request.
  ///
  /// - Parameters:
  ///   - config: the model architecture.
  ///   - precision: the datapath precision.
  ///   - workload: the requests, batch size and LM head placement; with the LM head on the
  ///     FPGA it is modelled as one more kernel, run once per generated token.
  ///   - platform: the card.
  ///   - constraints: utilisation ceilings and solver limits.
  public init(
    config: TransformerConfig, precision: Precision, workload: Workload, platform: Platform,
    constraints: CostModelConstraints = CostModelConstraints()
  ) {
    let kinds = config.attentionKinds.isEmpty ? [AttentionKind.full] : config.attentionKinds
    let groups = kinds.map { kind in
      LayerGroup(
        layerCount: config.attentionKinds.isEmpty ? config.layers : config.layerCount(of: kind),
        workload: workload
      ) { phase in
        BlockGraphBuilder.build(
          config, precision: precision, phase: phase, batchSize: workload.batchSize,
          attention: kind)
      }
    }
    let head =
      workload.lmHead == .fpga
      ? BlockGraphBuilder.lmHead(config, precision: precision, batchSize: workload.batchSize)
      : nil
    self.init(
      groups: groups, lmHead: head, workload: workload, precision: precision, platform: platform,
      constraints: constraints)
  }
}
