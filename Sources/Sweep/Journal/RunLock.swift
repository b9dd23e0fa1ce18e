import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive lock on an output folder, held for the life of a run.
///
/// The lock is an advisory `flock` on `DIR/.lock`, which the kernel releases when the process
/// ends for any reason, SIGKILL included, so a crashed run never leaves a stale lock behind.
public final class RunLock: @unchecked Sendable {
  private let descriptor: Int32
  public let path: String

  /// Errors taking the lock.
  public enum Error: Swift.Error, Equatable, CustomStringConvertible {
    case busy(folder: String, owner: String)
    case cannotOpen(path: String, reason: String)

    public var description: String {
      switch self {
      case .busy(let folder, let owner):
        return
          "another sweep (\(owner)) is writing \(folder); wait for it to finish or choose another --out"
      case .cannotOpen(let path, let reason):
        return "cannot open the lock file \(path): \(reason)"
      }
    }
  }

  /// Takes the lock on a folder without waiting.
  ///
  /// - Throws: `Error.busy` when another process holds it.
  public init(folder: String) throws(Error) {
    let path = (folder as NSString).appendingPathComponent(".lock")
    self.path = path
    self.descriptor = try RunLock.acquire(path: path, folder: folder)
  }

  /// Opens and locks the file, closing it again on failure, so a failed `init` owns nothing
  /// that `deinit` could close twice.
  private static func acquire(path: String, folder: String) throws(Error) -> Int32 {
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      var buffer = [UInt8](repeating: 0, count: 64)
      let count = pread(descriptor, &buffer, 63, 0)
      let owner = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : "unknown pid"
      close(descriptor)
      throw .busy(folder: folder, owner: owner.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    let text = "pid \(getpid())\n"
    _ = ftruncate(descriptor, 0)
    _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    return descriptor
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
