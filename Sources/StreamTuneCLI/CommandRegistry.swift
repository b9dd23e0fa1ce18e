/// Every subcommand of `streamtune`, in the order `--help` lists them.
enum CommandRegistry {
  static let commands: [any Subcommand.Type] = [
    ValidateCommand.self,
    DescribeCommand.self,
    EvaluateCommand.self,
    SweepCommand.self,
    StrategiesCommand.self,
    ParetoCommand.self,
    MergeCommand.self,
    PlotCommand.self,
    ReportCommand.self,
    SlurmCommand.self,
    EmitCommand.self,
    BenchCommand.self,
    CalibrateCommand.self,
  ]

  static func command(named name: String) -> (any Subcommand.Type)? {
    commands.first { $0.name == name }
  }

  static var names: [String] { commands.map { $0.name } }
}
