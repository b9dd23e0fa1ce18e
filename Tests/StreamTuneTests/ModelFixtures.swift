import Foundation

/// Paths of the model configs that the model and block-graph tests read.
enum ModelFixtures {
  /// The repository root, found from this file's location.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Path of a shipped Hugging Face config under `SearchSpaces/models`.
  static func model(_ fileName: String) -> String {
    repositoryRoot.appendingPathComponent("SearchSpaces/models/\(fileName)").path
  }

  /// Path of a malformed config under `Tests/StreamTuneTests/Fixtures/bad-models`.
  static func badModel(_ fileName: String) -> String {
    repositoryRoot.appendingPathComponent("Tests/StreamTuneTests/Fixtures/bad-models/\(fileName)")
      .path
  }
}
