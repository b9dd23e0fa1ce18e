import CCoinOR

/// The CBC calls behind `MixedIntegerProgram`; callers must hold the CBC lock.
enum CBCSolver {
  /// Solves a validated model with CBC.
  static func solve(
    _ model: LinearModel, isInteger: [Bool], timeLimitSeconds: Double?
  ) throws(SolverError) -> MILPSolution {
    let matrix = model.columnMajor()

    guard let cbc = Cbc_newModel() else {
      throw .failed("CBC could not create a model")
    }
    defer { Cbc_deleteModel(cbc) }

    // Log level 0 silences CBC and the CLP solver it runs, as the standard-output tests check.
    // It is set again after loading so that nothing done during loading can reset it.
    Cbc_setLogLevel(cbc, 0)
    Cbc_loadProblem(
      cbc, Int32(model.variableCount), Int32(model.rows.count),
      matrix.starts, matrix.rowIndices, matrix.values,
      model.lowerBounds, model.upperBounds, model.objective,
      matrix.rowLower, matrix.rowUpper)
    Cbc_setObjSense(cbc, model.isMaximization ? -1 : 1)
    for j in 0..<model.variableCount where isInteger[j] {
      Cbc_setInteger(cbc, Int32(j))
    }
    if let timeLimitSeconds, timeLimitSeconds.isFinite {
      Cbc_setMaximumSeconds(cbc, timeLimitSeconds)
    }
    Cbc_setLogLevel(cbc, 0)

    Cbc_solve(cbc)

    if Cbc_isProvenInfeasible(cbc) != 0 {
      throw .infeasible
    }
    if Cbc_isContinuousUnbounded(cbc) != 0 {
      throw .unbounded
    }

    let provenOptimal = Cbc_isProvenOptimal(cbc) != 0
    guard let incumbent = Cbc_bestSolution(cbc) else {
      if Cbc_isSecondsLimitReached(cbc) != 0 {
        throw .timeLimitWithoutSolution
      }
      if Cbc_isAbandoned(cbc) != 0 {
        throw .failed("CBC stopped on numerical difficulties")
      }
      throw .failed(
        "CBC found no solution (status \(Cbc_status(cbc)), secondary status "
          + "\(Cbc_secondaryStatus(cbc)))")
    }

    var values = try CLPSolver.copy(
      UnsafePointer(incumbent), count: model.variableCount, name: "solution")
    for j in 0..<model.variableCount where isInteger[j] {
      values[j] = values[j].rounded()
    }
    if let violation = model.violation(of: values) {
      throw .failed("CBC returned an infeasible point: " + violation)
    }

    let objective = model.objectiveValue(of: values)
    let reportedBound = Cbc_getBestPossibleObjValue(cbc)
    let bestBound = provenOptimal || !reportedBound.isFinite ? objective : reportedBound
    return MILPSolution(
      values: values, objective: objective, provenOptimal: provenOptimal, bestBound: bestBound)
  }
}
