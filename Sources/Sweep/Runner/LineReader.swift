import Foundation

/// Reads a text file line by line in fixed-size chunks, so a journal of millions of rows never
/// sits in memory whole.
///
/// Lines end at "\n"; the runner's journals never contain a newline inside a field.
struct LineReader: Sequence, IteratorProtocol {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEnd = false

  init?(path: String) {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    self.handle = handle
  }

  mutating func next() -> String? {
    while true {
      if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: buffer[position..<newline], as: UTF8.self)
        position = newline + 1
        return line
      }
      if atEnd {
        guard position < buffer.count else { return nil }
        let line = String(decoding: buffer[position...], as: UTF8.self)
        position = buffer.count
        return line
      }
      buffer.removeFirst(position)
      position = 0
      let chunk = handle.readData(ofLength: 1 << 20)
      if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
    }
  }
}
