import Foundation
import TestSupport
import Testing

@testable import Explore

@Suite("Gaussian process")
struct GaussianProcessTests {
  /// Seeded points in three features (twelve by default) with a smooth output.
  static func trainingData(count: Int = 12, seed: UInt64 = 7) -> (
    inputs: [[Double]], outputs: [Double]
  ) {
    var generator = SeededGenerator(seed: seed)
    let inputs = (0..<count).map { _ in
      [
        Double.random(in: 0...4, using: &generator),
        Double.random(in: -1...1, using: &generator),
        Double.random(in: 10...20, using: &generator),
      ]
    }
    let outputs = inputs.map { 3 * sin($0[0]) + $0[1] * $0[1] + 0.1 * $0[2] }
    return (inputs, outputs)
  }

  static let fixedHyperparameters = GaussianProcessHyperparameters(
    lengthScales: [0.7, 1.3, 2.0], signalVariance: 1.5, noiseVariance: 0.01)

  @Test("posterior matches a dense solve")
  func posteriorMatchesDenseSolve() throws {
    let (inputs, outputs) = Self.trainingData()
    let hyperparameters = Self.fixedHyperparameters
    let process = try GaussianProcess(
      inputs: inputs, outputs: outputs, hyperparameters: hyperparameters)
    var generator = SeededGenerator(seed: 99)
    let points =
      (0..<9).map { _ in
        [
          Double.random(in: -1...5, using: &generator),
          Double.random(in: -2...2, using: &generator),
          Double.random(in: 8...22, using: &generator),
        ]
      } + [inputs[3]]

    let reference = DenseGaussianProcess(
      inputs: inputs, outputs: outputs, hyperparameters: hyperparameters)
    let prediction = process.predict(points)
    #expect(prediction.mean.count == points.count)
    #expect(prediction.variance.count == points.count)
    for (index, point) in points.enumerated() {
      let expected = reference.predict(point)
      #expect(abs(prediction.mean[index] - expected.mean) <= 1e-8, "mean at point \(index)")
      #expect(
        abs(prediction.variance[index] - expected.variance) <= 1e-8,
        "variance at point \(index)")
    }
    #expect(abs(process.logMarginalLikelihood - reference.logMarginalLikelihood) <= 1e-8)
    #expect(process.jitterUsed == 0)
  }

  @Test("likelihood gradient matches finite differences")
  func gradientMatchesFiniteDifferences() throws {
    let (inputs, outputs) = Self.trainingData(count: 20, seed: 3)
    let start = Self.fixedHyperparameters.logParameters
    let analytic = try GaussianProcess.logMarginalLikelihood(
      inputs: inputs, outputs: outputs, hyperparameters: Self.fixedHyperparameters)
    #expect(analytic.gradient.count == start.count)

    let step = 1e-5
    var numeric: [Double] = []
    for index in start.indices {
      var forward = start
      var backward = start
      forward[index] += step
      backward[index] -= step
      let up = try GaussianProcess.logMarginalLikelihood(
        inputs: inputs, outputs: outputs,
        hyperparameters: GaussianProcessHyperparameters(logParameters: forward))
      let down = try GaussianProcess.logMarginalLikelihood(
        inputs: inputs, outputs: outputs,
        hyperparameters: GaussianProcessHyperparameters(logParameters: backward))
      numeric.append((up.value - down.value) / (2 * step))
    }

    let norm = numeric.map { $0 * $0 }.reduce(0, +).squareRoot()
    #expect(norm > 1e-3, "the test point must not be a stationary point")
    for index in start.indices {
      let tolerance = 1e-5 * max(abs(numeric[index]), 1e-2 * norm)
      #expect(
        abs(analytic.gradient[index] - numeric[index]) <= tolerance,
        "component \(index): analytic \(analytic.gradient[index]), numeric \(numeric[index])")
    }
  }

  @Test("duplicate inputs get reported jitter")
  func duplicatesNeedJitter() throws {
    let (base, baseOutputs) = Self.trainingData(count: 10, seed: 11)
    let inputs = base + [base[0], base[4], base[4]]
    let outputs = baseOutputs + [baseOutputs[0] + 0.2, baseOutputs[4], baseOutputs[4] - 0.1]
    var noiseless = Self.fixedHyperparameters
    noiseless.noiseVariance = 0

    let process = try GaussianProcess(
      inputs: inputs, outputs: outputs, hyperparameters: noiseless)
    #expect(process.jitterUsed > 0)
    let prediction = process.predict([base[0], base[4], [2, 0, 15]])
    #expect(prediction.mean.allSatisfy { $0.isFinite })
    #expect(prediction.variance.allSatisfy { $0.isFinite })
    #expect(prediction.variance.allSatisfy { $0 >= 0 })
    // Two observations of one input, 0.2 apart, leave the mean near their average.
    #expect(abs(prediction.mean[0] - (baseOutputs[0] + 0.1)) < 0.05)

    var generator = Xoshiro256(seed: 5)
    let fitted = try GaussianProcess.fit(
      inputs: inputs, outputs: outputs,
      options: GaussianProcessFitOptions(starts: 2, noiseVarianceBounds: 1e-12...1),
      using: &generator)
    #expect(fitted.logMarginalLikelihood.isFinite)
    #expect(fitted.jitterUsed >= 0)
    #expect(fitted.predict([base[4]]).mean.allSatisfy { $0.isFinite })
  }

  @Test("nearly duplicate inputs get reported jitter")
  func nearDuplicatesNeedJitter() throws {
    let (base, baseOutputs) = Self.trainingData(count: 8, seed: 12)
    var shifted = base[2]
    shifted[1] += 1e-10
    var noiseless = Self.fixedHyperparameters
    noiseless.noiseVariance = 0
    let process = try GaussianProcess(
      inputs: base + [shifted], outputs: baseOutputs + [baseOutputs[2]],
      hyperparameters: noiseless)
    #expect(process.jitterUsed > 0)
    #expect(process.predict([shifted]).mean.allSatisfy { $0.isFinite })
  }

  @Test("fit improves the likelihood over its start")
  func fitImprovesLikelihood() throws {
    let (inputs, outputs) = Self.trainingData(count: 30, seed: 21)
    let start = GaussianProcessHyperparameters.defaults(dimension: 3)
    let initial = try GaussianProcess(inputs: inputs, outputs: outputs, hyperparameters: start)
    var generator = Xoshiro256(seed: 1)
    let fitted = try GaussianProcess.fit(
      inputs: inputs, outputs: outputs, options: GaussianProcessFitOptions(initial: start),
      using: &generator)
    #expect(fitted.logMarginalLikelihood > initial.logMarginalLikelihood + 1)

    // The output varies fastest along the first feature and only linearly along the third,
    // so the first length scale should be the shorter.
    #expect(fitted.hyperparameters.lengthScales[0] < fitted.hyperparameters.lengthScales[2])
  }

  @Test("fit is deterministic for a seed")
  func fitIsDeterministic() throws {
    let (inputs, outputs) = Self.trainingData(count: 25, seed: 8)
    var first = Xoshiro256(seed: 42)
    var second = Xoshiro256(seed: 42)
    let a = try GaussianProcess.fit(inputs: inputs, outputs: outputs, using: &first)
    let b = try GaussianProcess.fit(inputs: inputs, outputs: outputs, using: &second)
    #expect(a.hyperparameters == b.hyperparameters)
    #expect(a.logMarginalLikelihood == b.logMarginalLikelihood)
  }

  @Test("believer keeps the mean and shrinks the variance")
  func believerConditioning() throws {
    let (inputs, outputs) = Self.trainingData(count: 15, seed: 4)
    let process = try GaussianProcess(
      inputs: inputs, outputs: outputs, hyperparameters: Self.fixedHyperparameters)
    let believer = [[2.5, 0.3, 14.0]]
    let points = [[2.4, 0.3, 14.2], [0.5, -0.8, 19.0]]
    let believed = process.predict(believer).mean
    let conditioned = try process.conditioned(on: believer, outputs: believed)
    let before = process.predict(points)
    let after = conditioned.predict(points)
    for index in points.indices {
      #expect(abs(after.mean[index] - before.mean[index]) < 1e-9 * max(1, abs(before.mean[index])))
      #expect(after.variance[index] <= before.variance[index] + 1e-12)
    }
    #expect(after.variance[0] < 0.5 * before.variance[0])
  }

  @Test("replacing outputs equals a fresh process")
  func replacingOutputs() throws {
    let (inputs, outputs) = Self.trainingData(count: 15, seed: 6)
    let other = outputs.map { -2 * $0 + 1 }
    let process = try GaussianProcess(
      inputs: inputs, outputs: outputs, hyperparameters: Self.fixedHyperparameters)
    let replaced = try process.replacingOutputs(other)
    let fresh = try GaussianProcess(
      inputs: inputs, outputs: other, hyperparameters: Self.fixedHyperparameters)
    let point = [[1.0, 0.1, 12.0]]
    #expect(abs(replaced.predict(point).mean[0] - fresh.predict(point).mean[0]) < 1e-10)
    #expect(abs(replaced.logMarginalLikelihood - fresh.logMarginalLikelihood) < 1e-9)
  }

  @Test("malformed training data throws")
  func malformedData() {
    let hyperparameters = GaussianProcessHyperparameters.defaults(dimension: 2)
    #expect(throws: GaussianProcessError.emptyTrainingSet) {
      try GaussianProcess(inputs: [], outputs: [], hyperparameters: hyperparameters)
    }
    #expect(throws: GaussianProcessError.dimensionMismatch(row: 1, expected: 2, found: 3)) {
      try GaussianProcess(
        inputs: [[0, 1], [1, 2, 3]], outputs: [0, 1], hyperparameters: hyperparameters)
    }
    #expect(throws: GaussianProcessError.nonFiniteValue(row: 1)) {
      try GaussianProcess(
        inputs: [[0, 1], [1, 2]], outputs: [0, .nan], hyperparameters: hyperparameters)
    }
    #expect(throws: GaussianProcessError.outputCountMismatch(inputs: 2, outputs: 1)) {
      try GaussianProcess(
        inputs: [[0, 1], [1, 2]], outputs: [0], hyperparameters: hyperparameters)
    }
    #expect(throws: GaussianProcessError.self) {
      try GaussianProcess(
        inputs: [[0, 1], [1, 2]], outputs: [0, 1],
        hyperparameters: GaussianProcessHyperparameters(
          lengthScales: [1], signalVariance: 1, noiseVariance: 0))
    }
  }
}

@Suite("Gaussian process benchmark")
struct GaussianProcessBenchmarkTests {
  @Test("small benchmark returns positive times")
  func smallBenchmark() {
    let timings = GaussianProcessBenchmark.measure(n: 30, d: 3, repeats: 1)
    #expect(timings.fitSeconds > 0)
    #expect(timings.fitSeconds.isFinite)
    #expect(timings.predictSeconds > 0)
    #expect(timings.predictSeconds.isFinite)
  }
}
