import Foundation
import StreamTune

/// `streamtune describe FILE`: the block's kernels for prefill and decode, and the design space.
enum DescribeCommand: Subcommand {
  static let name = "describe"
  static let summary = "print the block's kernels, shapes, byte counts and the design-space size"
  static let positionals = [PositionalSpec(name: "FILE", help: "search-space JSON file")]
  static let options: [OptionSpec] = [
    .flag("json", help: "print one JSON object instead of tables")
  ]
  static let discussion = """
    Kernel tables are for prefill at the longest prompt and decode at the longest context of
    the workload. Loops are name=trip count, with r marking a reduction loop. Operations are
    multiply-accumulates (MACs) for GEMM and attention kernels and element operations for the
    others. Bytes are per invocation of one layer's block.
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    let path = arguments.positionals[0]
    guard let space = SpaceLoading.load(path, console: &console) else { return .invalidInput }
    let report = DescribeReport(space)
    if arguments.flag("json") {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      encoder.keyEncodingStrategy = .convertToSnakeCase
      guard let data = try? encoder.encode(report) else {
        console.diagnostic("error: could not encode the description as JSON")
        return .failure
      }
      console.output(String(decoding: data, as: UTF8.self))
    } else {
      for line in DescribeText.lines(report) { console.output(line) }
    }
    return .success
  }
}
