import Foundation

/// Reading JSON input files with errors that name the file and the position.
public enum InputFile {
  /// Reads and parses a JSON file.
  ///
  /// - Parameter path: Path of the file, absolute or relative to the working directory.
  /// - Returns: The root node of the document.
  /// - Throws: `InputError` with path `(file)` when the file does not exist, is a directory,
  ///   cannot be read, is empty or is not valid JSON (with line and column).
  public static func readJSON(at path: String) throws(InputError) -> JSONNode {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw InputError(
        InputProblem(file: path, path: "(file)", message: "file not found; check the path"))
    }
    guard !isDirectory.boolValue else {
      throw InputError(
        InputProblem(
          file: path, path: "(file)", message: "is a directory; name a JSON file inside it"))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(
        InputProblem(file: path, path: "(file)", message: "cannot be read; check its permissions"))
    }
    return try parse(Array(data), file: path)
  }

  /// Parses JSON text that came from a file or from standard input.
  ///
  /// - Throws: `InputError` with path `(file)` for empty or invalid text.
  public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> JSONNode {
    guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
      throw InputError(
        InputProblem(file: file, path: "(file)", message: "the file is empty; it must hold a JSON object"))
    }
    do {
      return try JSONParser.parse(bytes)
    } catch {
      throw InputError(
        InputProblem(
          file: file, path: "(file)",
          message: "invalid JSON at line \(error.line), column \(error.column): \(error.message)",
          line: error.line, column: error.column))
    }
  }

  /// Resolves a path written inside an input file against that file's folder.
  ///
  /// - Parameters:
  ///   - path: The path as written; absolute paths are returned unchanged.
  ///   - file: The file that contains the path.
  public static func resolve(_ path: String, relativeTo file: String) -> String {
    if path.hasPrefix("/") { return path }
    let folder = (file as NSString).deletingLastPathComponent
    return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
  }
}
