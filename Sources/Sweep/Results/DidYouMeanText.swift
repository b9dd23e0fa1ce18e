import StreamTune

/// Spelling suggestions for column names.
enum DidYouMeanText {
  static func hint(_ word: String, _ candidates: [String]) -> String {
    DidYouMean.hint(for: word, among: candidates)
  }
}
