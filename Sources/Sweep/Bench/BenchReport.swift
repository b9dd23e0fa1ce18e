import Foundation

/// Writes the results of `streamtune bench`: one CSV per table, extra files such as plots,
/// and `bench.md` with every table in Markdown under a header that states the machine.
public enum BenchReport {
  /// Writes every file of the results into a folder, creating it when needed.
  ///
  /// - Returns: The paths written, `bench.md` last.
  /// - Throws: `BenchError` when the folder or a file cannot be written.
  @discardableResult
  public static func write(
    _ results: [BenchSectionResult], machine: BenchMachine, settings: BenchSettings,
    totalSeconds: Double, folder: String
  ) throws(BenchError) -> [String] {
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw BenchError("cannot create \(folder): \(error.localizedDescription)")
    }
    var written: [String] = []
    for result in results {
      for table in result.tables {
        written.append(try save(table.table.text, folder: folder, file: "\(table.name).csv"))
      }
      for (file, content) in result.files.sorted(by: { $0.key < $1.key }) {
        written.append(try save(content, folder: folder, file: file))
      }
    }
    let text = markdown(results, machine: machine, settings: settings, totalSeconds: totalSeconds)
    written.append(try save(text, folder: folder, file: "bench.md"))
    return written
  }

  /// Builds the text of `bench.md`.
  public static func markdown(
    _ results: [BenchSectionResult], machine: BenchMachine, settings: BenchSettings,
    totalSeconds: Double
  ) -> String {
    var lines = [
      "# StreamTune benchmark",
      "",
      "| item | value |",
      "| --- | --- |",
      "| machine | \(machine.summary) |",
      "| CPU | \(machine.cpuModel) |",
      "| cores | \(machine.cores) |",
      "| memory | \(String(format: "%.1f", Double(machine.memoryBytes) / 1_073_741_824)) GiB |",
      "| operating system | \(machine.operatingSystem) |",
      "| Swift | \(machine.swiftVersion) |",
      "| build configuration | \(machine.buildConfiguration) |",
      "| mode | \(settings.quick ? "quick (--quick)" : "full") |",
      "| sections | \(results.map(\.section.rawValue).joined(separator: ", ")) |",
      "| total wall-clock time | \(BenchStatistics.format(totalSeconds)) s |",
      "",
      "Every figure was measured on the machine above. Timings are medians over repeats; cost-model outputs are estimates.",
      "",
    ]
    for result in results {
      lines.append("## \(result.section.rawValue)")
      lines.append("")
      lines.append("Section time: \(BenchStatistics.format(result.seconds)) s.")
      lines.append("")
      for table in result.tables where table.inReport {
        lines.append("### \(table.title)")
        lines.append("")
        lines += markdownTable(table.table)
        lines.append("")
        for note in table.notes { lines.append("- \(note)") }
        if !table.notes.isEmpty { lines.append("") }
      }
      let csvOnly = result.tables.filter { !$0.inReport }.map { "`\($0.name).csv`" }
      let files = result.files.keys.sorted().map { "`\($0)`" }
      if !csvOnly.isEmpty || !files.isEmpty {
        lines.append("Also written: \((csvOnly + files).joined(separator: ", ")).")
        lines.append("")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Renders a CSV table as a GitHub-flavoured Markdown table, with `|` in fields escaped.
  static func markdownTable(_ table: CSVTable) -> [String] {
    func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
    var lines = ["| " + table.header.map(cell).joined(separator: " | ") + " |"]
    lines.append("|" + String(repeating: " --- |", count: table.header.count))
    for row in table.rows {
      lines.append("| " + row.map(cell).joined(separator: " | ") + " |")
    }
    if table.rows.isEmpty {
      lines.append("| " + table.header.map { _ in "" }.joined(separator: " | ") + " |")
    }
    return lines
  }

  private static func save(_ text: String, folder: String, file: String) throws(BenchError)
    -> String
  {
    let path = (folder as NSString).appendingPathComponent(file)
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw BenchError("cannot write \(path): \(error.localizedDescription)")
    }
    return path
  }
}
