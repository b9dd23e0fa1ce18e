import Foundation

/// Loads FPGA platform files: the shipped presets (u55c, u280, u250, u50) and user files,
/// including overlays that name a `base` file and override some of its fields.
///
/// Every number in a platform file is a leaf `{"value": ..., "source": "...", "status": "..."}`;
/// `docs/platforms.md` describes the format. Loading validates the whole file and throws one
/// `InputError` that lists every problem with its JSON path.
public enum PlatformLoader {
  /// Loads a platform file, or a preset resolved in the shipped `SearchSpaces/platforms` folder.
  ///
  /// An existing file at `path` wins over a preset of the same name.
  ///
  /// - Parameter path: A file path, or a preset name such as `u55c` (case-insensitive, with or
  ///   without `.json`).
  /// - Returns: The validated platform with overlays applied.
  /// - Throws: `InputError` listing every problem, each with its file and JSON path.
  public static func load(path: String) throws(InputError) -> Platform {
    var file = path
    if !FileManager.default.fileExists(atPath: path) {
      if let preset = presetPath(path) {
        file = preset
      } else if !path.contains("/") && !path.lowercased().hasSuffix(".json") {
        let names = presetNames
        throw InputError(
          InputProblem(
            file: path, path: "(file)",
            message: "no platform file or preset named \"\(path)\""
              + DidYouMean.hint(for: path, among: names) + "; presets are "
              + (names.isEmpty
                ? "unavailable (SearchSpaces folder not found)"
                : names.joined(
                  separator: ", "))))
      }
    }
    let root = try InputFile.readJSON(at: file)
    return try parse(root, file: file)
  }

  /// Validates a parsed platform file and applies its `base` chain.
  ///
  /// - Parameters:
  ///   - root: The file's root node.
  ///   - file: The file's path; a relative `base` is resolved against its folder.
  /// - Returns: The validated platform.
  /// - Throws: `InputError` listing every problem of the merged file.
  public static func parse(_ root: JSONNode, file: String) throws(InputError) -> Platform {
    let merged = try applyBases(root, file: file, chain: [])
    var reader = PlatformReader(file: merged.rootFile, origins: merged.origins)
    let platform = build(merged.tree, reader: &reader)
    if !reader.problems.isEmpty {
      throw InputError(sortedByPosition(reader.problems))
    }
    return platform
  }

  /// Sorts problems by file, then line and column, so the list follows the files.
  private static func sortedByPosition(_ problems: [InputProblem]) -> [InputProblem] {
    problems.enumerated().sorted { first, second in
      let a = first.element
      let b = second.element
      if a.file != b.file { return a.file < b.file }
      let positionA = (a.line ?? 0, a.column ?? 0)
      let positionB = (b.line ?? 0, b.column ?? 0)
      if positionA != positionB { return positionA < positionB }
      return first.offset < second.offset
    }.map(\.element)
  }

  /// Names of the shipped platform presets, sorted; empty when the data folder is not found.
  public static var presetNames: [String] {
    guard let folder = platformsFolder(),
      let files = try? FileManager.default.contentsOfDirectory(atPath: folder)
    else { return [] }
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// Path of a shipped preset, or `nil` when no preset has that name.
  ///
  /// - Parameter name: A preset name such as `u55c` or `U55C.json`.
  public static func presetPath(_ name: String) -> String? {
    var normalized = name.lowercased()
    if normalized.hasSuffix(".json") { normalized.removeLast(5) }
    guard !normalized.isEmpty, !normalized.contains("/"), let folder = platformsFolder() else {
      return nil
    }
    let path = (folder as NSString).appendingPathComponent("\(normalized).json")
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }

  private static func platformsFolder() -> String? {
    guard let data = DataDirectory.searchSpacesFolder() else { return nil }
    return (data as NSString).appendingPathComponent("platforms")
  }

  /// A platform tree with every `base` applied.
  struct MergedTree {
    var tree: JSONNode
    /// The file at the bottom of the chain (the one without a `base`).
    var rootFile: String
    /// Paths that overlay files supplied, with the supplying file.
    var origins: [(path: String, file: String)]
  }

  /// Applies a file's `base` chain, base first.
  ///
  /// - Parameter chain: Files already visited on the way down, to reject cycles.
  static func applyBases(_ root: JSONNode, file: String, chain: [String]) throws(InputError)
    -> MergedTree
  {
    guard let baseNode = root["base"] else {
      return MergedTree(tree: root, rootFile: file, origins: [])
    }
    guard let text = baseNode.stringValue, !text.isEmpty else {
      throw InputError(
        InputProblem(
          file: file, path: "base",
          message: "must be a platform file path or a preset name; got \(baseNode.excerpt)",
          at: baseNode))
    }
    guard let basePath = resolveBase(text, relativeTo: file) else {
      let names = presetNames
      throw InputError(
        InputProblem(
          file: file, path: "base",
          message: "\"\(text)\" not found: no file at \(InputFile.resolve(text, relativeTo: file))"
            + " and no preset of that name\(DidYouMean.hint(for: text, among: names)); presets are "
            + names.joined(separator: ", "),
          at: baseNode))
    }

    let visited = chain + [standardized(file)]
    guard !visited.contains(standardized(basePath)) else {
      throw InputError(
        InputProblem(
          file: file, path: "base",
          message: "\"\(text)\" leads back to a file already in the base chain ("
            + visited.joined(separator: " -> ") + "); remove the cycle",
          at: baseNode))
    }

    let baseRoot = try InputFile.readJSON(at: basePath)
    var merged = try applyBases(baseRoot, file: basePath, chain: visited)
    var overlay = root
    if case .object(let members) = root.value {
      overlay.value = .object(members.filter { $0.key != "base" })
    }
    merged.tree = PlatformOverlay.merge(
      base: merged.tree, overlay: overlay, path: "", file: file, origins: &merged.origins)
    return merged
  }

  /// Resolves a `base` value: a path relative to the overlay's folder, else a preset name (a
  /// value with a `/` is only ever a path).
  private static func resolveBase(_ text: String, relativeTo file: String) -> String? {
    let candidate = InputFile.resolve(text, relativeTo: file)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory),
      !isDirectory.boolValue
    {
      return candidate
    }
    return presetPath(text)
  }

  private static func standardized(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }
}
