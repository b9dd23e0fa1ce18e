import Explore
import Foundation
import StreamTune
import Sweep

/// `streamtune slurm`: writes the sbatch scripts that run a sweep as a Slurm job array, one shard
/// per array task, followed by a job that merges the shards.
enum SlurmCommand: Subcommand {
  static let name = "slurm"
  static let summary = "write sbatch scripts that run a sweep as a Slurm job array, then merge it"
  static let positionals = [PositionalSpec(name: "FILE", help: "search-space JSON file")]
  static let options: [OptionSpec] = [
    .value("array", "N", help: "array tasks, one shard each (at most Slurm's MaxArraySize)"),
    .value("out", "DIR", help: "run folder: shard-I/ per task, merged/, and the scripts in slurm/"),
    .value(
      "strategy", "NAME",
      help: "search strategy: " + StrategyRegistry.names.joined(separator: ", "),
      default: "the file's search.strategy"),
    .value("budget", "N", help: "evaluations per shard", default: "the file's search.budget"),
    .value(
      "seed", "N", help: "seed of the run; each shard derives its own",
      default: "the file's search.seed"),
    .value("option", "NAME=VALUE", help: "strategy option, repeatable; overrides search.options"),
    .value("partition", "NAME", help: "Slurm partition", default: "the cluster's default"),
    .value(
      "time", "HH:MM:SS", help: "time limit of each task (any Slurm --time format)",
      default: "the partition's"),
    .value("cpus", "N", help: "CPUs per task, used as the sweep's --jobs", default: "1"),
    .value(
      "binary", "PATH", help: "streamtune executable the tasks run", default: "this executable"),
    .value("script-dir", "DIR", help: "folder of the scripts and logs/", default: "DIR/slurm"),
  ]
  static let discussion = """
    Writes sweep-array.sbatch (task I runs `streamtune sweep FILE --shard I/N --out DIR/shard-I`,
    or resumes that folder when it already holds a run), merge.sbatch (`streamtune merge` of the
    shards into DIR/merged, then `streamtune report`) and submit.sh, which submits both with
    the merge depending on the whole array. Paths in the scripts are absolute, so submit.sh
    works from any directory; it passes its arguments to the array's sbatch, for example
    `submit.sh --array=2,3` to run two shards again. Exhaustive shards partition the
    enumeration, so the merged front equals a one-machine run; stochastic strategies run one
    independent seed per shard. Example:
    streamtune slurm SearchSpaces/gpt2-medium-u55c.json --array 16 --cpus 8 --out Results/gpt2
    """

  static func run(_ arguments: ParsedArguments, console: inout Console) -> ExitCode {
    let spacePath = absolutePath(arguments.positionals[0])
    guard let space = SpaceLoading.load(spacePath, console: &console) else {
      return .invalidInput
    }
    let scripts: SlurmJobScripts
    do {
      scripts = try plan(arguments, spacePath: spacePath, space: space)
    } catch {
      console.diagnostic("error: \(error.message)")
      return .invalidInput
    }

    let folder = scripts.scriptFolder
    let files = [
      (name: "sweep-array.sbatch", text: scripts.arrayScript()),
      (name: "merge.sbatch", text: scripts.mergeScript()),
      (name: "submit.sh", text: scripts.submitScript()),
    ]
    do {
      try writeTogether(files, into: folder, logs: scripts.logFolder)
    } catch {
      console.diagnostic("error: cannot write the scripts into \(folder): \(error)")
      return .failure
    }

    for file in files {
      console.output("wrote \((folder as NSString).appendingPathComponent(file.name))")
    }
    console.output(
      "\(scripts.shardCount) shard\(scripts.shardCount == 1 ? "" : "s") of strategy "
        + "\(scripts.strategy), \(scripts.cpus) CPU\(scripts.cpus == 1 ? "" : "s") each; "
        + "merged results will be in \(scripts.outputFolder)/merged")
    console.output("submit with: \((folder as NSString).appendingPathComponent("submit.sh"))")
    return .success
  }

  /// Validates the command line against the loaded space and resolves every default.
  ///
  /// - Throws: `UsageError` naming the invalid value and what is expected instead.
  static func plan(_ arguments: ParsedArguments, spacePath: String, space: SearchSpace)
    throws(UsageError) -> SlurmJobScripts
  {
    guard let shardCount = try arguments.integer("array", in: 1...4_000_000) else {
      throw UsageError(message: "slurm needs --array N, the number of array tasks (shards)")
    }
    guard let out = arguments.value("out") else {
      throw UsageError(message: "slurm needs --out DIR, the run folder on a shared file system")
    }
    let outputFolder = absolutePath(out)
    let scriptFolder = absolutePath(arguments.value("script-dir") ?? outputFolder + "/slurm")
    let cpus = try arguments.integer("cpus", in: 1...4096) ?? 1
    let budget = try arguments.integer("budget", in: 1...Int.max)
    var seed = space.search.seed
    if let text = arguments.value("seed") {
      guard let value = UInt64(text) else {
        throw UsageError(
          message: "invalid value \"\(text)\" for --seed; expected a non-negative integer")
      }
      seed = value
    }

    let strategy = arguments.value("strategy") ?? space.search.strategy
    let givenOptions = arguments.repeatedValues["option"] ?? []
    try checkStrategy(
      strategy, options: givenOptions, space: space, seed: seed, budget: budget, shards: shardCount)

    let executable = absolutePath(arguments.value("binary") ?? runningExecutable())
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      throw UsageError(
        message: "--binary \(executable): not an executable file; name a streamtune build")
    }
    for path in [spacePath, outputFolder, scriptFolder, executable] where path.contains("\n") {
      throw UsageError(
        message:
          "the path \(path.debugDescription) contains a line break, which a job script cannot hold")
    }
    if scriptFolder.contains(where: { $0.isWhitespace || "\"'\\".contains($0) }) {
      throw UsageError(
        message: "the script folder \(scriptFolder) contains a space, quote or backslash, which "
          + "#SBATCH --output cannot hold; choose another --script-dir")
    }
    if let partition = arguments.value("partition"),
      partition.isEmpty
        || !partition.allSatisfy({ $0.isLetter || $0.isNumber || "_-.,".contains($0) })
    {
      throw UsageError(
        message:
          "invalid value \"\(partition)\" for --partition; expected a partition name such as gpu or long"
      )
    }
    if let time = arguments.value("time"), !isSlurmDuration(time) {
      throw UsageError(
        message: "invalid value \"\(time)\" for --time; expected MM, MM:SS, HH:MM:SS, D-HH, "
          + "D-HH:MM or D-HH:MM:SS")
    }

    let stem = ((spacePath as NSString).lastPathComponent as NSString).deletingPathExtension
    let jobName =
      "streamtune-" + String(stem.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    return SlurmJobScripts(
      spacePath: spacePath, outputFolder: outputFolder, scriptFolder: scriptFolder,
      executable: executable, jobName: jobName, shardCount: shardCount, strategy: strategy,
      seed: seed, budget: budget, options: givenOptions, partition: arguments.value("partition"),
      timeLimit: arguments.value("time"), cpus: cpus)
  }

  /// Rejects an unknown strategy, a malformed or invalid option, and a strategy that cannot
  /// start on this space, so the mistake shows here instead of in every array task's log.
  static func checkStrategy(
    _ strategy: String, options: [String], space: SearchSpace, seed: UInt64, budget: Int?,
    shards: Int
  ) throws(UsageError) {
    guard StrategyRegistry.names.contains(strategy) else {
      let error = StrategyError.unknownStrategy(strategy, known: StrategyRegistry.names)
      throw UsageError(message: error.description)
    }
    var merged = SweepRequest.textOptions(space.search.options)
    for entry in options {
      guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
        throw UsageError(message: "invalid value \"\(entry)\" for --option; expected NAME=VALUE")
      }
      merged[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
    }
    let problem = SpaceProblem(space: space)
    do {
      _ = try StrategyRegistry.make(
        name: strategy, space: problem.space, directions: problem.directions, seed: seed,
        budget: budget ?? space.search.budget, options: merged, shard: (0, shards))
    } catch {
      throw UsageError(message: "strategy \(strategy): \(error.description)")
    }
  }

  /// Whether `text` is a Slurm time limit: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or
  /// D-HH:MM:SS, or `INFINITE`/`UNLIMITED`.
  static func isSlurmDuration(_ text: String) -> Bool {
    if text == "INFINITE" || text == "UNLIMITED" { return true }
    let dayParts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard dayParts.count <= 2 else { return false }
    let clock = dayParts.last!.split(separator: ":", omittingEmptySubsequences: false)
    let fields = dayParts.dropLast() + clock
    let isNumber = { (field: Substring) in
      !field.isEmpty && field.allSatisfy { $0.isASCII && $0.isNumber }
    }
    return clock.count <= 3 && fields.allSatisfy(isNumber)
  }

  /// `path` made absolute against the working directory, with `.` and `..` removed.
  static func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL.path
  }

  /// The absolute path of the running `streamtune`, through `/proc/self/exe` where it exists.
  static func runningExecutable() -> String {
    if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return resolved
    }
    return Bundle.main.executablePath ?? CommandLine.arguments[0]
  }

  /// Writes every file to a temporary name first and renames them only when all were written,
  /// so an earlier set of scripts is replaced whole or not at all.
  ///
  /// - Throws: The file-system error of the first write or rename that failed.
  static func writeTogether(
    _ files: [(name: String, text: String)], into folder: String, logs: String
  ) throws {
    let manager = FileManager.default
    try manager.createDirectory(atPath: logs, withIntermediateDirectories: true)
    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let suffix = ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    var written: [String] = []
    defer { for path in written { try? manager.removeItem(atPath: path + suffix) } }

    for file in files {
      let path = (folder as NSString).appendingPathComponent(file.name)
      written.append(path)
      guard
        manager.createFile(
          atPath: path + suffix, contents: Data(file.text.utf8),
          attributes: [.posixPermissions: 0o755])
      else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path + suffix])
      }
    }
    for path in written where rename(path + suffix, path) != 0 {
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
  }
}

/// The three scripts of a sharded sweep on Slurm, built from validated, absolute settings.
struct SlurmJobScripts {
  var spacePath: String
  var outputFolder: String
  var scriptFolder: String
  var executable: String
  var jobName: String
  var shardCount: Int
  var strategy: String
  var seed: UInt64
  /// Evaluations per shard; `nil` leaves the file's `search.budget`.
  var budget: Int?
  /// `NAME=VALUE` strategy options from the command line, in order.
  var options: [String]
  var partition: String?
  var timeLimit: String?
  var cpus: Int

  var logFolder: String { scriptFolder + "/logs" }

  /// The job-array script: task I sweeps shard I, or resumes it when its folder holds a run.
  func arrayScript() -> String {
    var sweep = [
      "exec \"$streamtune\" sweep \(Self.quoted(spacePath)) --strategy \(Self.quoted(strategy))",
      "--seed \(seed) --shard \"$shard/\(shardCount)\" --out \"$folder\" --jobs \"$jobs\" --quiet",
    ]
    if let budget { sweep.append("--budget \(budget)") }
    sweep += options.map { "--option \(Self.quoted($0))" }
    sweep.append("$overwrite")

    return header(
      summary: "Sweep of \(spacePath): array task I runs shard I of \(shardCount) "
        + "(strategy \(strategy)).",
      directives: [
        "--array=0-\(shardCount - 1)", "--output=\(Self.escapedPattern(logFolder))/%A_%a.out",
      ])
        + """
        streamtune=\(Self.quoted(executable))
        shard="${SLURM_ARRAY_TASK_ID:?submit this script with sbatch, which sets SLURM_ARRAY_TASK_ID}"
        folder=\(Self.quoted(outputFolder))/shard-"$shard"
        jobs="${SLURM_CPUS_PER_TASK:-1}"

        # A requeued or submitted-again task continues the shard's journal; a finished shard
        # replays its journal without evaluating anything again.
        if [ -f "$folder/run.json" ]; then
          exec "$streamtune" sweep --resume "$folder" --jobs "$jobs" --quiet
        fi

        # A journal without run.json is left by a task killed before its first record: start over.
        overwrite=""
        if [ -e "$folder/evaluations.csv" ]; then
          overwrite="--overwrite"
        fi
        \(sweep.joined(separator: " \\\n  "))

        """
  }

  /// The merge script: the shards, in shard order, into `merged/`, then its report.
  func mergeScript() -> String {
    header(
      summary: "Merge of the \(shardCount) shards of \(outputFolder) into merged/, with a report.",
      directives: ["--output=\(Self.escapedPattern(logFolder))/merge_%j.out"], suffix: "-merge")
        + """
        streamtune=\(Self.quoted(executable))
        out=\(Self.quoted(outputFolder))

        shards=()
        for ((i = 0; i < \(shardCount); i++)); do
          if [ ! -f "$out/shard-$i/evaluations.csv" ]; then
            echo "error: $out/shard-$i/evaluations.csv is missing; run submit.sh again" >&2
            exit 1
          fi
          shards+=("$out/shard-$i")
        done
        "$streamtune" merge "${shards[@]}" --out "$out/merged"
        "$streamtune" report "$out/merged"

        """
  }

  /// `submit.sh`: the array first, then the merge with an `afterok` dependency on it.
  func submitScript() -> String {
    """
    #!/bin/bash
    # Submits the sweep's job array, then the merge job, which starts when every array task has
    # succeeded and is cancelled when one fails. Arguments go to the array's sbatch, for
    # example --array=2,3 to run shards 2 and 3 again.
    # Written by streamtune slurm.
    set -euo pipefail

    scripts=\(Self.quoted(scriptFolder))
    array_job=$(sbatch --parsable "$@" "$scripts/sweep-array.sbatch")
    array_job=${array_job%%;*}
    merge_job=$(sbatch --parsable --dependency="afterok:$array_job" --kill-on-invalid-dep=yes \\
      "$scripts/merge.sbatch")
    merge_job=${merge_job%%;*}

    echo "array job $array_job: \(shardCount) shard tasks, logs in $scripts/logs"
    echo "merge job $merge_job: starts after job $array_job succeeds; results in \(outputFolder)/merged"
    echo "monitor with: squeue -j $array_job,$merge_job"

    """
  }

  /// The shebang, a comment, and the `#SBATCH` lines shared by both job scripts.
  private func header(summary: String, directives: [String], suffix: String = "") -> String {
    var lines = [
      "#!/bin/bash", "# \(summary)", "# Written by streamtune slurm; submit with submit.sh.",
    ]
    var all = ["--job-name=\(jobName)\(suffix)", "--cpus-per-task=\(cpus)"] + directives
    if let partition { all.append("--partition=\(partition)") }
    if let timeLimit { all.append("--time=\(timeLimit)") }
    lines += all.map { "#SBATCH \($0)" }
    lines += ["set -euo pipefail", "", ""]
    return lines.joined(separator: "\n")
  }

  /// `text` as one single-quoted shell word.
  static func quoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// A path inside an sbatch file-name pattern, with `%` doubled so Slurm keeps it literally.
  static func escapedPattern(_ path: String) -> String {
    path.replacingOccurrences(of: "%", with: "%%")
  }
}
