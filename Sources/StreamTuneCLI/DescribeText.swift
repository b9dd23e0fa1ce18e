/// The text form of `streamtune describe`.
enum DescribeText {
  static func lines(_ report: DescribeReport) -> [String] {
    let model = report.model
    let layers = "\(model.layers) layer\(model.layers == 1 ? "" : "s")"
    let shape =
      "\(layers), hidden \(model.hiddenSize), FFN \(model.intermediateSize), "
      + "\(model.attentionHeads) heads (\(model.keyValueHeads) KV) of \(model.headDimension), "
      + "vocabulary \(model.vocabularySize)"
    let parameters =
      "\(SpaceLoading.grouped(model.parameterCount)) parameters "
      + "(\(SpaceLoading.parameterText(model.parameterCount)))"
    let requests = report.requests.map { "[\($0[0]):\($0[1])]" }.joined(separator: " ")
    var lines: [String] = []
    lines.append("Search space \(report.file) (content hash \(report.contentHash))")
    lines.append("")
    lines.append("Model        \(model.name) (\(model.family)), \(parameters)")
    lines.append("             \(shape)")
    lines.append("Precision    \(report.precision)")
    lines.append("Platform     \(report.platform) at \(SpaceLoading.format1(report.clockMhz)) MHz")
    lines.append("Requests     \(requests), batch size \(report.batchSize)")
    lines.append("LM head      \(report.lmHead): \(report.lmHeadNote)")

    for phase in report.phases {
      let label =
        phase.phase == "prefill"
        ? "prompt of \(phase.length) tokens" : "context of \(phase.length) tokens"
      lines += ["", "\(phase.phase.capitalized) (\(label)), per layer:"]
      lines += table(phase.kernels)
      if !phase.headKernels.isEmpty {
        lines += ["", "  Head kernels, once per model invocation:"]
        lines += table(phase.headKernels)
      }
    }

    let space = report.designSpace
    lines += ["", "Design space: \(space.variables.count) variables"]
    for variable in space.variables {
      var text = "  \(variable.name): \(variable.parameter)"
      if !variable.targets.isEmpty { text += " of " + variable.targets.joined(separator: ", ") }
      text += " in {\(variable.values.joined(separator: ", "))}"
      if variable.powerOfTwo { text += " (powers of two)" }
      if let condition = variable.condition { text += " when \(condition)" }
      lines.append(text)
    }
    if let budget = space.maxTotalUnroll {
      lines.append("  lane budget: sum over kernels of their unroll products at most \(budget)")
    }
    let log = (space.log10Size * 100).rounded() / 100
    lines.append("  size: \(SpaceLoading.grouped(space.size)) valid design points (log10 \(log))")
    lines += [
      "",
      "Objectives   " + report.objectives.joined(separator: ", "),
      "Search       \(report.strategy), budget \(report.budget) evaluations, seed \(report.seed)",
    ]
    return lines
  }

  private static func table(_ kernels: [DescribeReport.KernelRow]) -> [String] {
    let header = [
      "kernel", "operation", "loops (r = reduction)", "MACs/ops", "weight B", "KV B",
      "activation B",
    ]
    var rows = [header]
    for kernel in kernels {
      let loops = kernel.loops.map { "\($0.name)=\($0.tripCount)\($0.reduction ? "r" : "")" }
      let operations =
        SpaceLoading.grouped(kernel.operations) + (kernel.multiplyAccumulate ? " MAC" : " op")
      rows.append([
        kernel.name, kernel.operation, loops.joined(separator: " "), operations,
        SpaceLoading.grouped(kernel.weightBytes), SpaceLoading.grouped(kernel.kvCacheBytes),
        SpaceLoading.grouped(kernel.activationBytes),
      ])
    }
    let totals = [
      "total", "", "",
      SpaceLoading.grouped(kernels.reduce(0) { $0 + $1.operations }),
      SpaceLoading.grouped(kernels.reduce(0) { $0 + $1.weightBytes }),
      SpaceLoading.grouped(kernels.reduce(0) { $0 + $1.kvCacheBytes }),
      SpaceLoading.grouped(kernels.reduce(0) { $0 + $1.activationBytes }),
    ]
    rows.append(totals)

    let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    let rightAligned: Set<Int> = [3, 4, 5, 6]
    return rows.map { row in
      "  "
        + row.indices.map { column in
          let cell = row[column]
          let padding = String(repeating: " ", count: widths[column] - cell.count)
          return rightAligned.contains(column) ? padding + cell : cell + padding
        }.joined(separator: "  ")
    }
  }
}
