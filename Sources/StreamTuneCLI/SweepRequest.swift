import Foundation
import StreamTune
import Sweep

/// The sweep command's arguments, merged with a resumed run's recorded settings.
struct SweepRequest {
  let arguments: ParsedArguments
  let spacePath: String
  let isResume: Bool
  /// The recorded `run.json` of a resumed run.
  let recorded: [String: Any]

  init(_ arguments: ParsedArguments) throws(UsageError) {
    self.arguments = arguments
    if let folder = arguments.value("resume") {
      isResume = true
      let path = (folder as NSString).appendingPathComponent("run.json")
      guard let data = FileManager.default.contents(atPath: path),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
      else {
        throw UsageError(
          message: "--resume \(folder): no readable run.json there; name the folder of an earlier sweep")
      }
      recorded = object
      if let given = arguments.positionals.first {
        spacePath = given
      } else if let stored = object["search_space"] as? String {
        spacePath = stored
      } else {
        throw UsageError(message: "\(path) names no search_space; pass FILE")
      }
      if arguments.value("out") != nil, arguments.value("out") != folder {
        throw UsageError(message: "--out and --resume name different folders; give only --resume")
      }
    } else {
      isResume = false
      recorded = [:]
      guard let given = arguments.positionals.first else {
        throw UsageError(message: "missing argument FILE for sweep (or pass --resume DIR)")
      }
      spacePath = given
    }
  }

  /// The settings of the run: command line first, then the resumed run's record, then the
  /// search-space file's defaults.
  func settings(for space: SearchSpace) throws(UsageError) -> SweepSettings {
    let strategy =
      arguments.value("strategy") ?? recorded["strategy"] as? String ?? space.search.strategy
    let budget = try arguments.integer("budget", in: 1...Int.max)
      ?? (recorded["budget"] as? Int) ?? (isResume ? nil : space.search.budget)
    var seed = space.search.seed
    if let text = arguments.value("seed") {
      guard let value = UInt64(text) else {
        throw UsageError(message: "invalid value \"\(text)\" for --seed; expected a non-negative integer")
      }
      seed = value
    } else if let stored = recorded["seed"] as? Int {
      seed = UInt64(stored)
    }
    let jobs = try arguments.integer("jobs", in: 1...1024) ?? ProcessInfo.processInfo.activeProcessorCount
    let batch = try arguments.integer("batch", in: 1...100_000) ?? (recorded["batch_size"] as? Int) ?? 8
    let time: Double?
    if let text = arguments.value("time") {
      guard let seconds = Self.parseDuration(text) else {
        throw UsageError(message: "invalid value \"\(text)\" for --time; expected a duration such as 90s, 30m, 8h or 1h30m")
      }
      time = seconds
    } else {
      time = space.search.timeLimitSeconds
    }
    var shard = (index: 0, count: 1)
    if let text = arguments.value("shard") ?? recorded["shard"] as? String {
      let parts = text.split(separator: "/").compactMap { Int($0) }
      guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else {
        throw UsageError(message: "invalid value \"\(text)\" for --shard; expected I/N with 0 <= I < N")
      }
      shard = (parts[0], parts[1])
    }

    var options = Self.textOptions(space.search.options)
    if let stored = recorded["options"] as? [String: String] {
      options.merge(stored) { _, new in new }
    }
    for entry in arguments.repeatedValues["option"] ?? [] {
      guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
        throw UsageError(message: "invalid value \"\(entry)\" for --option; expected NAME=VALUE")
      }
      options[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
    }

    let folder: String
    if let resume = arguments.value("resume") {
      folder = resume
    } else if let out = arguments.value("out") {
      folder = out
    } else {
      let stem = ((space.file as NSString).lastPathComponent as NSString).deletingPathExtension
      folder = "Results/\(stem)-\(strategy)"
    }
    return SweepSettings(
      strategy: strategy, budget: budget, timeLimitSeconds: time, jobs: jobs, seed: seed,
      outputFolder: folder, resume: isResume, shardIndex: shard.index, shardCount: shard.count,
      batchSize: batch, options: options)
  }

  /// The search file's `search.options` as text values.
  static func textOptions(_ node: JSONNode?) -> [String: String] {
    guard let node, case .object(let members) = node.value else { return [:] }
    var result: [String: String] = [:]
    for member in members {
      switch member.value.value {
      case .string(let text): result[member.key] = text
      case .number(let literal, _): result[member.key] = literal
      case .bool(let flag): result[member.key] = flag ? "true" : "false"
      default: result[member.key] = member.value.excerpt
      }
    }
    return result
  }

  /// Seconds of a duration such as `90`, `90s`, `30m`, `8h` or `1h30m`.
  static func parseDuration(_ text: String) -> Double? {
    if let plain = Double(text), plain > 0, plain.isFinite { return plain }
    var total = 0.0
    var number = ""
    for character in text {
      if character.isNumber || character == "." {
        number.append(character)
        continue
      }
      guard let value = Double(number) else { return nil }
      switch character {
      case "s": total += value
      case "m": total += value * 60
      case "h": total += value * 3600
      case "d": total += value * 86400
      default: return nil
      }
      number = ""
    }
    guard number.isEmpty, total > 0 else { return nil }
    return total
  }
}
