/// The version written into emitted projects.
public enum EmitVersion {
  public static let tool = "0.1.0"
}
