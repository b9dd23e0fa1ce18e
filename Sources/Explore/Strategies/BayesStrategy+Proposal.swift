/// The model-based part of a batch.
extension BayesStrategy {
  /// Chooses up to `count` configurations by expected improvement under fresh random
  /// scalarisations, one per batch element, with kriging-believer updates between elements.
  mutating func modelProposals(_ count: Int) -> [[Int]] {
    let scalarization = BayesScalarization(
      records: records, objectiveCount: directions.count, augmentation: augmentation)
    let pool = BayesCandidatePool.build(
      space: space, size: candidatePoolSize, neighbourShare: neighbourShare,
      parents: frontConfigurations(), excluding: seen, using: &generator)
    guard !pool.isEmpty else { return [] }
    let poolFeatures = pool.map { space.features($0) }

    let selected = BayesTrainingSelection.indices(
      of: records, limit: maxModelPoints, scalarization: scalarization)
    let trainingRecords = selected.map { records[$0] }
    let inputs = trainingRecords.map(\.features)
    let refit = hyperparameters == nil || modelBatches % refitEvery == 0
    modelBatches += 1

    var available = Array(pool.indices)
    var believers = pending.map { space.features($0) }
    var base: GaussianProcess?
    var batch: [[Int]] = []
    for _ in 0..<min(count, pool.count) {
      let weights = BayesScalarization.randomWeights(count: directions.count, using: &generator)
      let targets = scalarization.targets(trainingRecords, weights: weights)

      var position = 0
      do {
        var model: GaussianProcess
        if let base {
          model = try base.replacingOutputs(targets)
        } else {
          model = try baseModel(inputs: inputs, targets: targets, refit: refit)
          base = model
        }
        if !believers.isEmpty {
          let believed = model.predict(believers).mean
          model = try model.conditioned(on: believers, outputs: believed)
        }
        let prediction = model.predict(available.map { poolFeatures[$0] })
        position = BayesAcquisition.bestIndex(prediction, incumbent: targets.min() ?? 0)
      } catch {
        // Without a model, take the first remaining candidate: a mutation of a front member
        // while any are left, else a random configuration.
        modelFailures += 1
      }

      let chosen = available.remove(at: position)
      batch.append(pool[chosen])
      believers.append(poolFeatures[chosen])
      seen.insert(pool[chosen])
    }
    return batch
  }

  /// Builds the batch's first model, fitting the hyperparameters when a refit is due.
  ///
  /// A failed fit falls back to the previous hyperparameters when there are any.
  private mutating func baseModel(inputs: [[Double]], targets: [Double], refit: Bool)
    throws(GaussianProcessError) -> GaussianProcess
  {
    if !refit, let hyperparameters {
      return try GaussianProcess(inputs: inputs, outputs: targets, hyperparameters: hyperparameters)
    }

    var options = fitOptions
    options.initial = hyperparameters
    do {
      let model = try GaussianProcess.fit(
        inputs: inputs, outputs: targets, options: options, using: &generator)
      hyperparameters = model.hyperparameters
      return model
    } catch {
      guard let hyperparameters else { throw error }
      return try GaussianProcess(inputs: inputs, outputs: targets, hyperparameters: hyperparameters)
    }
  }

  /// Returns the configurations whose neighbours fill part of the candidate pool: the feasible
  /// Pareto front, or the ten least violating configurations while nothing is feasible.
  func frontConfigurations() -> [[Int]] {
    let usable = records.filter(\.usable)
    if !usable.isEmpty {
      return Dominance.nonDominatedIndices(usable.map(\.minimized)).map {
        usable[$0].configuration
      }
    }
    let ranked = records.indices.sorted {
      (records[$0].violation, $0) < (records[$1].violation, $1)
    }
    return ranked.prefix(10).map { records[$0].configuration }
  }
}
