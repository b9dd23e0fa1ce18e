/// The trust level of a number in a platform file.
///
/// Every number in a platform file carries one of these next to its source, so that users can
/// tell a figure read in vendor documentation from an estimate that `calibrate` should refit.
public enum SourceStatus: String, Sendable, Hashable, Codable, CaseIterable {
  /// Read in AMD/Xilinx documentation text.
  case exact
  /// Printed by a vendor tool for the part (Vitis HLS "Available" rows, `platforminfo`),
  /// possibly carried by a third-party repository.
  case tool
  /// A third party quoting vendor documentation or a vendor statement, not checked against the
  /// vendor text.
  case secondary
  /// Computed by arithmetic from exact, tool or secondary values; the source shows the formula.
  case derived
  /// A modelling constant or an engineering estimate; the source gives the reasoning.
  case estimate
}

/// The origin of one number of a platform file.
public struct Provenance: Sendable, Hashable, Codable {
  /// The document, tool output or reasoning behind the number.
  public var source: String
  public var status: SourceStatus

  public init(source: String, status: SourceStatus) {
    self.source = source
    self.status = status
  }
}
