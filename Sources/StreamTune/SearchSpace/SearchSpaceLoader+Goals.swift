/// The objectives, constraints and search sections.
extension SearchSpaceLoader {
  static func readObjectives(_ node: JSONNode, reader: inout SpaceReader) -> [Objective]? {
    guard let elements = reader.array(node, at: "objectives", what: "the objective list") else {
      return nil
    }
    var objectives: [Objective] = []
    var failed = false
    for (index, element) in elements.enumerated() {
      let path = SpaceReader.join("objectives", index)
      var metricNode = element
      var direction: ObjectiveDirection?
      if element.stringValue == nil {
        guard reader.object(element, at: path, allowed: ["metric", "direction"]) != nil,
          let field = reader.required(element, "metric", at: path, expecting: "a metric name")
        else {
          failed = true
          continue
        }
        metricNode = field
        if let directionNode = element["direction"] {
          let names = ObjectiveDirection.allCases.map(\.rawValue)
          guard
            let name = reader.string(
              directionNode, at: SpaceReader.join(path, "direction"), what: "direction",
              among: names)
          else {
            failed = true
            continue
          }
          direction = ObjectiveDirection(rawValue: name)
        }
      }
      let metricPath = element.stringValue == nil ? SpaceReader.join(path, "metric") : path
      guard
        let name = reader.string(metricNode, at: metricPath, what: "metric", among: Metric.names),
        let metric = Metric(rawValue: name)
      else {
        failed = true
        continue
      }
      if objectives.contains(where: { $0.metric == metric }) {
        reader.report(
          "metric \"\(name)\" is listed twice; list each objective once", at: metricPath,
          node: metricNode)
        failed = true
        continue
      }
      objectives.append(Objective(metric: metric, direction: direction))
    }
    return failed ? nil : objectives
  }

  static func readConstraints(_ node: JSONNode, reader: inout SpaceReader) -> SearchConstraints {
    let counts = ["max_dsp", "max_bram18k", "max_uram", "max_lut", "max_ff"]
    let rates = ["min_decode_tokens_per_s", "max_latency_ms", "max_ttft_ms", "max_power_w"]
    var constraints = SearchConstraints()
    guard
      reader.object(node, at: "constraints", allowed: counts + rates + ["utilisation_ceiling"])
        != nil
    else { return constraints }

    for key in counts {
      guard let field = node[key] else { continue }
      let value = reader.integer(field, at: "constraints.\(key)", in: 1...100_000_000, what: key)
      switch key {
      case "max_dsp": constraints.maxDSP = value
      case "max_bram18k": constraints.maxBRAM18K = value
      case "max_uram": constraints.maxURAM = value
      case "max_lut": constraints.maxLUT = value
      default: constraints.maxFF = value
      }
    }
    for key in rates {
      guard let field = node[key] else { continue }
      let value = reader.number(
        field, at: "constraints.\(key)", in: 0...1e12, what: key, openLowerBound: true)
      switch key {
      case "min_decode_tokens_per_s": constraints.minDecodeTokensPerS = value
      case "max_latency_ms": constraints.maxLatencyMs = value
      case "max_ttft_ms": constraints.maxTTFTMs = value
      default: constraints.maxPowerW = value
      }
    }

    if let field = node["utilisation_ceiling"] {
      let path = "constraints.utilisation_ceiling"
      if case .object(let members) = field.value {
        _ = reader.object(field, at: path, allowed: SearchConstraints.resourceNames + ["default"])
        for member in members {
          let memberPath = SpaceReader.join(path, member.key)
          guard
            let value = reader.number(
              member.value, at: memberPath, in: 0...1, what: "a utilisation fraction",
              openLowerBound: true)
          else {
            continue
          }
          if member.key == "default" {
            constraints.defaultUtilisationCeiling = value
          } else if SearchConstraints.resourceNames.contains(member.key) {
            constraints.utilisationCeiling[member.key] = value
          }
        }
      } else if let value = reader.number(
        field, at: path, in: 0...1, what: "a utilisation fraction", openLowerBound: true)
      {
        constraints.defaultUtilisationCeiling = value
      }
    }
    return constraints
  }

  static func readSearch(_ node: JSONNode, reader: inout SpaceReader) -> SearchSettings {
    var settings = SearchSettings()
    let keys = ["strategy", "budget", "time_limit_s", "seed", "options"]
    guard reader.object(node, at: "search", allowed: keys) != nil else { return settings }
    if let field = node["strategy"],
      let name = reader.string(
        field, at: "search.strategy", what: "strategy", among: SearchSettings.strategies)
    {
      settings.strategy = name
    }
    if let field = node["budget"],
      let budget = reader.integer(
        field, at: "search.budget", in: 1...1_000_000_000, what: "evaluation budget")
    {
      settings.budget = budget
    }
    if let field = node["time_limit_s"] {
      settings.timeLimitSeconds = reader.number(
        field, at: "search.time_limit_s", in: 0...31_536_000, what: "time limit in seconds",
        openLowerBound: true)
    }
    if let field = node["seed"],
      let seed = reader.integer(field, at: "search.seed", in: 0...Int.max, what: "seed")
    {
      settings.seed = UInt64(seed)
    }
    if let field = node["options"] {
      if reader.object(field, at: "search.options", allowed: field.keys) != nil {
        settings.options = field
      }
    }
    return settings
  }
}
