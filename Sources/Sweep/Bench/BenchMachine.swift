import Foundation

/// The machine and build a benchmark ran on, stated beside every figure.
public struct BenchMachine: Sendable, Equatable {
  /// The CPU's model name from `/proc/cpuinfo`, or "unknown".
  public var cpuModel: String
  /// Logical cores available to the process.
  public var cores: Int
  /// Physical memory in bytes.
  public var memoryBytes: UInt64
  /// The operating system's name and kernel release.
  public var operatingSystem: String
  /// The Swift compiler version that built this binary.
  public var swiftVersion: String
  /// `debug` or `release`.
  public var buildConfiguration: String

  public init(
    cpuModel: String, cores: Int, memoryBytes: UInt64, operatingSystem: String,
    swiftVersion: String, buildConfiguration: String
  ) {
    self.cpuModel = cpuModel
    self.cores = cores
    self.memoryBytes = memoryBytes
    self.operatingSystem = operatingSystem
    self.swiftVersion = swiftVersion
    self.buildConfiguration = buildConfiguration
  }

  /// Describes the machine this process runs on.
  public static func current() -> BenchMachine {
    let cpuInfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let osRelease = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
    let kernel = (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines)
    var system = osReleaseName(osRelease) ?? ProcessInfo.processInfo.operatingSystemVersionString
    if let kernel, !kernel.isEmpty { system += ", Linux \(kernel)" }
    return BenchMachine(
      cpuModel: cpuModel(cpuInfo) ?? "unknown",
      cores: ProcessInfo.processInfo.activeProcessorCount,
      memoryBytes: ProcessInfo.processInfo.physicalMemory, operatingSystem: system,
      swiftVersion: compilerVersion, buildConfiguration: buildConfiguration)
  }

  /// Returns the value of the first `model name` line of `/proc/cpuinfo` text.
  static func cpuModel(_ cpuInfo: String) -> String? {
    for line in cpuInfo.split(separator: "\n") where line.hasPrefix("model name") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      if !name.isEmpty { return name }
    }
    return nil
  }

  /// Returns the `PRETTY_NAME` of `/etc/os-release` text, without quotes.
  static func osReleaseName(_ text: String) -> String? {
    for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
      let value = line.dropFirst("PRETTY_NAME=".count)
      return value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
    return nil
  }

  /// The compiler's language version, known when this file was compiled.
  static var compilerVersion: String {
    #if compiler(>=6.5)
      return "6.5 or later"
    #elseif compiler(>=6.4)
      return "6.4"
    #elseif compiler(>=6.3)
      return "6.3"
    #elseif compiler(>=6.2)
      return "6.2"
    #elseif compiler(>=6.1)
      return "6.1"
    #else
      return "6.0"
    #endif
  }

  static var buildConfiguration: String {
    #if DEBUG
      return "debug"
    #else
      return "release"
    #endif
  }

  /// One line for reports, such as "AMD EPYC, 2 cores, 23.4 GiB, Debian 12, Swift 6.3, release".
  public var summary: String {
    let gibibytes = Double(memoryBytes) / 1_073_741_824
    return
      "\(cpuModel), \(cores) core\(cores == 1 ? "" : "s"), "
      + "\(String(format: "%.1f", gibibytes)) GiB memory, \(operatingSystem), "
      + "Swift \(swiftVersion), \(buildConfiguration) build"
  }
}
