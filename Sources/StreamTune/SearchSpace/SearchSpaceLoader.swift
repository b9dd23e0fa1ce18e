import Foundation

/// Reads and validates search-space files.
///
/// Loading checks the whole file, the model config and the platform it refers to, and every
/// design variable against the real block graph, then throws one `InputError` listing every
/// problem with its file, line, column and JSON path. `docs/search-space.md` describes the
/// format.
public enum SearchSpaceLoader {
  /// The top-level keys of a search-space file.
  public static let sectionNames = [
    "$schema", "description", "model", "precision", "workload", "platform", "design",
    "objectives", "constraints", "search",
  ]

  /// The sections a file must have.
  public static let requiredSections = [
    "model", "precision", "workload", "platform", "design", "objectives",
  ]

  /// Loads and validates a search-space file.
  ///
  /// - Parameter path: Path of the JSON file.
  /// - Returns: The resolved search space.
  /// - Throws: `InputError` listing every problem found.
  public static func load(path: String) throws(InputError) -> SearchSpace {
    let root = try InputFile.readJSON(at: path)
    return try load(root, file: path)
  }

  /// Validates a parsed search-space document.
  ///
  /// - Parameters:
  ///   - root: The document's root node.
  ///   - file: The file it came from; relative paths inside resolve against its folder.
  /// - Returns: The resolved search space.
  /// - Throws: `InputError` listing every problem found.
  public static func load(_ root: JSONNode, file: String) throws(InputError) -> SearchSpace {
    guard case .object = root.value else {
      throw InputError(
        InputProblem(
          file: file, path: "(root)",
          message: "the top level must be a JSON object, found \(root.value.typeName)", at: root))
    }

    var reader = SpaceReader(file: file)
    _ = reader.object(root, at: "(root)", allowed: sectionNames)
    for section in requiredSections where root[section] == nil {
      reader.report("missing required section \"\(section)\"", at: section, node: root)
    }
    if let description = root["description"] {
      _ = reader.string(description, at: "description", what: "description")
    }

    let model = root["model"].flatMap { readModel($0, reader: &reader) }
    let precision = root["precision"].flatMap { readPrecision($0, reader: &reader) }
    let workload = root["workload"].flatMap {
      readWorkload($0, model: model?.config, reader: &reader)
    }
    let platform = root["platform"].flatMap { readPlatform($0, reader: &reader) }
    let objectives = root["objectives"].flatMap { readObjectives($0, reader: &reader) }
    let constraints =
      root["constraints"].map { readConstraints($0, reader: &reader) } ?? SearchConstraints()
    let search = root["search"].map { readSearch($0, reader: &reader) } ?? SearchSettings()

    var catalog: KernelCatalog?
    if let model, let precision, let workload {
      catalog = KernelCatalog(config: model.config, precision: precision, workload: workload)
    }
    let design = root["design"].flatMap {
      readDesign($0, catalog: catalog, platform: platform?.platform, reader: &reader)
    }

    guard reader.problems.isEmpty, let model, let precision, let workload, let platform,
      let objectives, let catalog, let design
    else {
      throw InputError(reader.problems)
    }

    var documents = [root, model.document]
    if let document = platform.document { documents.append(document) }
    return SearchSpace(
      file: file, summary: root["description"]?.stringValue, modelFile: model.file,
      model: model.config, precision: precision, workload: workload,
      platformSource: platform.source, platform: platform.platform, design: design,
      objectives: objectives, constraints: constraints, search: search,
      contentHash: ContentHash.hash(documents), prefillGraph: catalog.prefill,
      decodeGraph: catalog.decode, prefillHeadKernels: catalog.prefillHead,
      decodeHeadKernels: catalog.decodeHead)
  }

  /// Checks that a path written in the file names an existing regular file.
  static func checkFile(
    _ resolved: String, written: String, at path: String, node: JSONNode,
    what: String, reader: inout SpaceReader
  ) -> Bool {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
      reader.report(
        "\(what) \"\(written)\" not found (looked for \(resolved)); relative paths are resolved "
          + "against the search space's folder", at: path, node: node)
      return false
    }
    guard !isDirectory.boolValue else {
      reader.report(
        "\(what) \"\(written)\" is a directory; name a JSON file inside it", at: path, node: node)
      return false
    }
    return true
  }
}
