import Foundation

/// Locates the shipped `SearchSpaces` folder (platform presets, model configs, search spaces).
public enum DataDirectory {
  /// Environment variable that names a `SearchSpaces` folder and overrides the search.
  public static let environmentVariable = "STREAMTUNE_DATA"

  /// Returns the `SearchSpaces` folder, or `nil` when none is found.
  ///
  /// The search order is:
  /// 1. the folder named by `STREAMTUNE_DATA`, when it exists;
  /// 2. the nearest ancestor of the running executable (`CommandLine.arguments[0]` resolved
  ///    against the working directory and through symbolic links, then
  ///    `Bundle.main.executablePath`) that contains `SearchSpaces/platforms`;
  /// 3. the nearest such ancestor of this source file, which finds the repository when the
  ///    executable was built inside it.
  public static func searchSpacesFolder() -> String? {
    let environment = ProcessInfo.processInfo.environment
    if let folder = environment[environmentVariable], !folder.isEmpty, isDirectory(folder) {
      return folder
    }

    var starts: [String] = []
    if let argument = CommandLine.arguments.first, !argument.isEmpty {
      starts.append(absolute(argument))
    }
    if let executable = Bundle.main.executablePath {
      starts.append(absolute(executable))
    }
    starts.append(#filePath)

    for start in starts {
      if let found = ancestorFolder(containing: "SearchSpaces/platforms", from: start) {
        return (found as NSString).appendingPathComponent("SearchSpaces")
      }
    }
    return nil
  }

  /// Returns the nearest ancestor of `path` (excluding `path` itself) that contains `relative`.
  ///
  /// - Complexity: O(d) file-system checks for a path d folders deep.
  static func ancestorFolder(containing relative: String, from path: String) -> String? {
    var folder = (path as NSString).deletingLastPathComponent
    while !folder.isEmpty {
      if isDirectory((folder as NSString).appendingPathComponent(relative)) {
        return folder
      }
      let parent = (folder as NSString).deletingLastPathComponent
      if parent == folder { break }
      folder = parent
    }
    return nil
  }

  /// Makes a path absolute against the working directory and resolves symbolic links.
  private static func absolute(_ path: String) -> String {
    let url = URL(
      fileURLWithPath: path,
      relativeTo: URL(
        fileURLWithPath: FileManager.default
          .currentDirectoryPath, isDirectory: true))
    return url.standardizedFileURL.resolvingSymlinksInPath().path
  }

  private static func isDirectory(_ path: String) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
  }
}
