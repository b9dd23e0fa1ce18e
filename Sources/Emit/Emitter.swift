import Foundation
import StreamTune

/// Options of one emission.
public struct EmitOptions: Sendable {
  /// FIFO depths in tokens that replace the cost model's, by edge (`producer->consumer`): a
  /// debugging aid, for example to show that a shallower FIFO deadlocks.
  public var fifoOverrides: [String: Int]
  /// Description of the design's origin, for design.json and the README.
  public var selection: String

  public init(fifoOverrides: [String: Int] = [:], selection: String = "the caller") {
    self.fifoOverrides = fifoOverrides
    self.selection = selection
  }
}

/// Result of an emission.
public struct EmitSummary: Sendable {
  public var folder: String
  /// Paths relative to the folder.
  public var files: [String]
  public var metrics: Metrics
  public var regionCount: Int
  /// Edges realised with a layout converter.
  public var converterCount: Int
}

/// Turns one design point into a Vitis HLS project with a C-simulation test bench.
public enum Emitter {
  /// Builds every file of the project in memory.
  ///
  /// - Parameters:
  ///   - space: The search space the design belongs to.
  ///   - point: The design point.
  ///   - assignment: The value indices the point came from, recorded in design.json, or `nil`.
  ///   - options: FIFO overrides and the selection text.
  /// - Returns: Relative paths and contents, and the cost model's metrics of the point.
  /// - Throws: `EmitError` for unsupported blocks or unknown override edges.
  public static func files(
    space: SearchSpace, point: DesignPoint, assignment: [Int]? = nil, options: EmitOptions
  ) throws(EmitError) -> (files: [(path: String, contents: String)], summary: EmitSummary) {
    let constraints = CostModelConstraints(
      utilisationCeiling: space.constraints.defaultUtilisationCeiling,
      ceilingByResource: space.constraints.utilisationCeiling)
    let model = CostModel(
      config: space.model, precision: space.precision, workload: space.workload,
      platform: space.platform, constraints: constraints)
    let metrics = model.evaluate(point)
    let plan = try PlanBuilder.build(
      space: space, point: point, metrics: metrics, overrides: options.fifoOverrides)

    let block = BlockEmitter(plan: plan)
    let reference = ReferenceEmitter(plan: plan)
    let testbench = TestbenchEmitter(plan: plan)
    let build = BuildFiles(plan: plan, selection: options.selection)
    var files: [(path: String, contents: String)] = StandInHeaders.files.map {
      ("include/\($0.name)", $0.contents)
    }
    files += [
      ("src/streamtune_support.h", BlockEmitter.support),
      ("src/block_config.h", QuantHeader.config(plan)),
      ("src/quant.h", QuantHeader.quant(plan)),
      ("src/block.h", block.header()),
      ("src/kernels.cpp", block.kernels()),
      ("src/block.cpp", block.regions()),
      ("tb/reference.h", reference.header()),
      ("tb/reference.cpp", reference.source()),
      ("tb/tb_main.cpp", testbench.source()),
      ("tb/Makefile", testbench.makefile()),
      (
        "design.json",
        try DesignRecord(plan: plan, selection: options.selection, assignment: assignment).json()
      ),
      ("connectivity.cfg", build.connectivity()),
      ("Makefile", build.makefile()),
      ("build.tcl", build.tcl()),
      ("README.md", build.readme()),
    ]
    let converters = plan.edges.filter {
      if case .converter = $0.realisation { return true }
      return false
    }.count
    let summary = EmitSummary(
      folder: "", files: files.map(\.path), metrics: metrics, regionCount: plan.regionCount,
      converterCount: converters)
    return (files, summary)
  }

  /// Writes the project to `folder`, which must not exist or be empty.
  ///
  /// The files go to a temporary sibling folder first, which is renamed to `folder` at the
  /// end, so a failure never leaves a half-written project.
  ///
  /// - Throws: `EmitError.invalidInput` when `folder` holds files, `EmitError.io` when writing
  ///   fails, and the errors of `files(space:point:assignment:options:)`.
  public static func emit(
    space: SearchSpace, point: DesignPoint, assignment: [Int]? = nil, options: EmitOptions,
    to folder: String
  ) throws(EmitError) -> EmitSummary {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
      let contents = (try? manager.contentsOfDirectory(atPath: folder)) ?? ["?"]
      guard isDirectory.boolValue, contents.isEmpty else {
        throw .invalidInput(
          "\(folder) already exists and is not an empty folder; choose another --out")
      }
    }
    let (files, summary) = try files(
      space: space, point: point, assignment: assignment, options: options)

    let absolute = URL(fileURLWithPath: folder).standardizedFileURL
    let temporary = absolute.deletingLastPathComponent().appendingPathComponent(
      ".\(absolute.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
    do {
      try? manager.removeItem(at: temporary)
      for file in files {
        let url = temporary.appendingPathComponent(file.path)
        try manager.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.contents.write(to: url, atomically: false, encoding: .utf8)
      }
      if manager.fileExists(atPath: absolute.path) { try manager.removeItem(at: absolute) }
      try manager.moveItem(at: temporary, to: absolute)
    } catch {
      try? manager.removeItem(at: temporary)
      throw .io("cannot write the project to \(folder): \(error.localizedDescription)")
    }
    var result = summary
    result.folder = absolute.path
    return result
  }
}
