import Explore

/// Counts, the Pareto archive and the hypervolume reference of a running sweep.
struct RunState {
  let problem: any SweepProblem
  var evaluations = 0
  var replayed = 0
  var feasible = 0
  var archive: ParetoArchive<Int>
  var best: [Double]
  /// Reference point of the progress hypervolume, in the objectives' own directions, fixed at
  /// the first feasible point: twice its value for a minimised objective (or 1 above it when
  /// the value is not positive) and 0 for a maximised one.
  var reference: [Double]?
  var hypervolume = 0.0

  init(problem: any SweepProblem) {
    self.problem = problem
    self.archive = ParetoArchive(directions: problem.directions)
    self.best = [Double](repeating: .nan, count: problem.directions.count)
  }

  mutating func record(_ batch: [[Int]], _ results: [SweepResult], replayed replayedCount: Int) {
    var changed = false
    for (offset, result) in results.enumerated() {
      let index = evaluations + offset
      guard result.feasible else { continue }
      feasible += 1
      let values = problem.objectives(of: result)
      guard values.allSatisfy(\.isFinite) else { continue }
      if reference == nil {
        reference = zip(values, problem.directions).map { value, direction in
          direction == .maximize ? 0 : (value > 0 ? 2 * value : value + 1)
        }
      }
      for objective in values.indices {
        let improved =
          best[objective].isNaN
          || (problem.directions[objective] == .minimize
            ? values[objective] < best[objective] : values[objective] > best[objective])
        if improved { best[objective] = values[objective] }
      }
      if archive.insert(values, payload: index) { changed = true }
    }
    evaluations += batch.count
    replayed += replayedCount
    if changed, let reference {
      hypervolume = (try? archive.hypervolume(reference: reference)) ?? hypervolume
    }
  }

  func snapshot(budget: Int?, elapsed: Double) -> SweepProgress {
    SweepProgress(
      evaluations: evaluations, replayed: replayed, feasible: feasible, budget: budget,
      elapsedSeconds: elapsed, best: best, hypervolume: hypervolume,
      frontSize: archive.members.count)
  }
}
