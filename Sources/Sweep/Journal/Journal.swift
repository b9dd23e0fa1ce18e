import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An append-only CSV journal of evaluations that survives crashes.
///
/// Each row goes to the file in one `write` call, so a crash can tear at most the last line,
/// and the file is synced to disk at least once a second while rows arrive (and on `close`).
/// Reopening a journal drops a torn last line by truncating the file to its last newline.
public final class Journal: @unchecked Sendable {
  private let descriptor: Int32
  public let path: String
  private var lastSync = Date.distantPast
  private var unsynced = false

  /// Errors opening or writing a journal.
  public enum Error: Swift.Error, Equatable, CustomStringConvertible {
    case io(path: String, reason: String)
    case headerMismatch(path: String, expected: [String], found: [String])
    case malformed(path: String, reason: String)

    public var description: String {
      switch self {
      case .io(let path, let reason):
        return "\(path): \(reason)"
      case .headerMismatch(let path, _, let found):
        return
          "\(path): its columns (\(found.prefix(6).joined(separator: ","))...) do not match this search space and strategy; resume with the same search space or choose another --out"
      case .malformed(let path, let reason):
        return "\(path): \(reason)"
      }
    }
  }

  /// Opens a journal for appending, creating it with `header` when it does not exist.
  ///
  /// - Parameters:
  ///   - path: The CSV file.
  ///   - header: The expected column names.
  /// - Returns: The journal and the rows already in it (a torn last line removed).
  /// - Throws: `Error` when the file cannot be opened, or its header differs from `header`.
  public static func open(path: String, header: [String]) throws(Error) -> (Journal, [[String]]) {
    var existing: [[String]] = []
    if FileManager.default.fileExists(atPath: path),
      let data = FileManager.default.contents(atPath: path), !data.isEmpty
    {
      let text = String(decoding: data, as: UTF8.self)
      let parsed: (table: CSVTable, droppedTornLine: Bool)
      do {
        parsed = try CSVTable.parse(text, keepUnterminated: false)
      } catch {
        throw .malformed(path: path, reason: error.description)
      }
      guard parsed.table.header == header else {
        throw .headerMismatch(path: path, expected: header, found: parsed.table.header)
      }
      existing = parsed.table.rows
      if parsed.droppedTornLine {
        let keep = data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        guard truncate(path, off_t(keep)) == 0 else {
          throw .io(path: path, reason: String(cString: strerror(errno)))
        }
      }
    }
    let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .io(path: path, reason: String(cString: strerror(errno)))
    }
    let journal = Journal(descriptor: descriptor, path: path)
    if existing.isEmpty, lseek(descriptor, 0, SEEK_END) == 0 {
      try journal.append(header)
    }
    return (journal, existing)
  }

  private init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  /// Appends one row in a single write, syncing when the last sync is a second old.
  public func append(_ fields: [String]) throws(Error) {
    let line = Array(CSVTable.line(fields).utf8)
    var written = 0
    while written < line.count {
      let result = line[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if result < 0 {
        if errno == EINTR { continue }
        throw .io(path: path, reason: String(cString: strerror(errno)))
      }
      written += result
    }
    unsynced = true
    if Date().timeIntervalSince(lastSync) >= 1 { sync() }
  }

  /// Forces written rows to disk.
  public func sync() {
    guard unsynced else { return }
    fsync(descriptor)
    lastSync = Date()
    unsynced = false
  }

  deinit {
    sync()
    close(descriptor)
  }
}
