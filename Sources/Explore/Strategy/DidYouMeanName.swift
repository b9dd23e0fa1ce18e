import StreamTune

/// Spelling suggestions for option and strategy names.
enum DidYouMeanName {
  static func hint(for word: String, among candidates: [String]) -> String {
    DidYouMean.hint(for: word, among: candidates)
  }
}
