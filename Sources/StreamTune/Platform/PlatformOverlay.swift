import Foundation

/// Platform overlays: files that name a `base` platform and override some of its fields.
///
/// Objects merge key by key. A number leaf (an object with a `value` key), an array or any other
/// value in the overlay replaces the base's value whole. So an overlay that gives
/// `efficiency.dma_efficiency` keeps the base's other efficiency constants, and an overlay that
/// gives `slrs` replaces every SLR.
public enum PlatformOverlay {
  /// Source written for a fitted constant when the caller gives none.
  public static let defaultFittedSource =
    "fitted by streamtune calibrate to measured designs (least squares)"

  /// Merges an overlay tree into a base tree.
  ///
  /// - Parameters:
  ///   - path: JSON path of both nodes (empty for the root).
  ///   - file: The overlay file, recorded in `origins` for every path it supplies.
  ///   - origins: Paths supplied by overlays, appended to.
  /// - Returns: The merged tree; nodes keep the line and column of the file they came from.
  /// - Complexity: O(n x m) for n overlay keys and m base keys per object.
  static func merge(
    base: JSONNode, overlay: JSONNode, path: String, file: String,
    origins: inout [(path: String, file: String)]
  ) -> JSONNode {
    guard case .object(var members) = base.value, case .object(let overrides) = overlay.value,
      overlay["value"] == nil
    else {
      origins.append((path, file))
      return overlay
    }

    for override in overrides {
      let childPath = PlatformReader.join(path, override.key)
      if let index = members.firstIndex(where: { $0.key == override.key }) {
        members[index].value = merge(
          base: members[index].value, overlay: override.value, path: childPath, file: file,
          origins: &origins)
      } else {
        origins.append((childPath, file))
        members.append(override)
      }
    }
    return JSONNode(.object(members), line: base.line, column: base.column)
  }

  /// Returns the text of an overlay that changes only the efficiency constants of a base.
  ///
  /// - Parameters:
  ///   - base: The base platform: a preset name such as `u55c`, or a path relative to the
  ///     folder the overlay will be written to.
  ///   - efficiency: The constants to store; all three are written.
  ///   - sources: Source text per constant, keyed by `dma_efficiency`,
  ///     `kernel_overhead_cycles` and `block_overhead_microseconds` (or the same names prefixed
  ///     with `efficiency.`); a missing key gets `defaultFittedSource`.
  /// - Returns: JSON text whose leaves have status `estimate`, since fitted constants are
  ///   estimates.
  public static func overlayText(base: String, efficiency: Efficiency, sources: [String: String])
    -> String
  {
    let fields: [(key: String, value: Double)] = [
      ("dma_efficiency", efficiency.dmaEfficiency),
      ("kernel_overhead_cycles", efficiency.kernelOverheadCycles),
      ("block_overhead_microseconds", efficiency.blockOverheadMicroseconds),
    ]
    let lines = fields.map { field in
      let source =
        sources[field.key] ?? sources["efficiency.\(field.key)"] ?? defaultFittedSource
      return "    \(quoted(field.key)): {\"value\": \(number(field.value)), \"source\": "
        + "\(quoted(source)), \"status\": \"estimate\"}"
    }
    return "{\n  \"base\": \(quoted(base)),\n  \"efficiency\": {\n"
      + lines.joined(separator: ",\n") + "\n  }\n}\n"
  }

  /// Writes an overlay that changes only the efficiency constants, after checking that it
  /// loads.
  ///
  /// - Parameters:
  ///   - base: A preset name or a path relative to the folder of `path`.
  ///   - efficiency: The fitted constants.
  ///   - sources: Source text per constant (see `overlayText`).
  ///   - path: Where to write the overlay; an existing file is replaced.
  /// - Throws: `InputError` when the base is not found or a constant is invalid, such as a DMA
  ///   efficiency above 1. Writing failures throw Foundation's error.
  public static func writeOverlay(
    base: String, efficiency: Efficiency, sources: [String: String], to path: String
  ) throws {
    let text = overlayText(base: base, efficiency: efficiency, sources: sources)
    let root = try InputFile.parse(Array(text.utf8), file: path)
    _ = try PlatformLoader.parse(root, file: path)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  /// Formats a number as JSON; non-finite values become `null`, which validation rejects.
  private static func number(_ value: Double) -> String {
    value.isFinite ? "\(value)" : "null"
  }

  /// Quotes and escapes a string as JSON.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        result += String(format: "\\u%04x", scalar.value)
      default:
        result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
