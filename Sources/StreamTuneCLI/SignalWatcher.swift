import Dispatch
import Foundation
import Glibc

/// Turns SIGINT and SIGTERM into a flag that a long run polls, so it can stop cleanly.
final class SignalWatcher: @unchecked Sendable {
  private let lock = NSLock()
  private var received: Int32 = 0
  private var sources: [DispatchSourceSignal] = []

  /// Starts watching; the default actions of both signals are replaced until the process ends.
  init() {
    let queue = DispatchQueue(label: "streamtune.signals")
    for number in [SIGINT, SIGTERM] {
      Glibc.signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { [weak self] in self?.record(number) }
      source.resume()
      sources.append(source)
    }
  }

  private func record(_ number: Int32) {
    lock.lock()
    if received == 0 { received = number }
    lock.unlock()
  }

  /// The signal received first, or `nil`.
  var receivedSignal: Int32? {
    lock.lock()
    defer { lock.unlock() }
    return received == 0 ? nil : received
  }

  /// The conventional exit code of a run stopped by the received signal: 128 + its number.
  var exitStatus: Int32 { 128 + (receivedSignal ?? SIGINT) }
}
