/// Spelling suggestions for unknown keys and names.
public enum DidYouMean {
  /// Returns the closest candidate to a misspelt word, or `nil` when none is close.
  ///
  /// A candidate is close when its edit distance is at most a third of the word's length
  /// (at least 1), or when one word contains the other.
  ///
  /// - Complexity: O(c x n x m) for c candidates of length m and a word of length n.
  public static func suggestion(for word: String, among candidates: [String]) -> String? {
    let lowered = word.lowercased()
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(lowered, candidate.lowercased())
      if best == nil || distance < best!.distance {
        best = (candidate, distance)
      }
    }
    guard let best else { return nil }
    let limit = max(1, lowered.count / 3)
    if best.distance <= limit { return best.candidate }
    let contained = candidates.first {
      lowered.count >= 3 && ($0.lowercased().contains(lowered) || lowered.contains($0.lowercased()))
    }
    return contained
  }

  /// Returns the message tail " (did you mean \"x\"?)", or an empty string.
  public static func hint(for word: String, among candidates: [String]) -> String {
    guard let match = suggestion(for: word, among: candidates) else { return "" }
    return " (did you mean \"\(match)\"?)"
  }

  /// Levenshtein distance between two strings, counted in characters.
  static func editDistance(_ first: String, _ second: String) -> Int {
    let a = Array(first)
    let b = Array(second)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
