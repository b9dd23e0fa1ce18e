/// Why a design could not be emitted.
public enum EmitError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The design or its selection is invalid input (exit code 2 on the command line).
  case invalidInput(String)
  /// The block uses something the HLS templates do not cover yet.
  case unsupported(String)
  /// A file or folder could not be written.
  case io(String)

  public var description: String {
    switch self {
    case .invalidInput(let message): return message
    case .unsupported(let message): return "cannot emit this design: \(message)"
    case .io(let message): return message
    }
  }
}
