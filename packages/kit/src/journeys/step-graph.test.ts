import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { canOpen, currentStep, previousStep, stepAfter, walk, type StepGraph } from './step-graph.ts'

type Step = 'name' | 'has-pet' | 'pet-name' | 'check' | 'done'
type State = { name?: string; hasPet?: boolean; petName?: string; checked?: boolean }

const graph: StepGraph<Step, State> = {
  start: 'name',
  next(step, state) {
    switch (step) {
      case 'name':
        return 'has-pet'
      case 'has-pet':
        return state.hasPet ? 'pet-name' : 'check'
      case 'pet-name':
        return 'check'
      case 'check':
        return 'done'
      case 'done':
        return null
    }
  },
  isAnswered(step, state) {
    switch (step) {
      case 'name':
        return state.name !== undefined
      case 'has-pet':
        return state.hasPet !== undefined
      case 'pet-name':
        return state.petName !== undefined
      case 'check':
        return state.checked === true
      case 'done':
        return false
    }
  },
}

describe('step graphs', () => {
  it('walks the answered steps up to the first unanswered one', () => {
    assert.deepEqual(walk(graph, {}), ['name'])
    assert.deepEqual(walk(graph, { name: 'Ada', hasPet: false }), ['name', 'has-pet', 'check'])
    assert.deepEqual(walk(graph, { name: 'Ada', hasPet: true }), ['name', 'has-pet', 'pet-name'])
    assert.deepEqual(walk(graph, { name: 'Ada', hasPet: true, petName: 'Rex', checked: true }), ['name', 'has-pet', 'pet-name', 'check', 'done'])
  })

  it('refuses a deep link to a question not yet reached, or on a branch not taken', () => {
    assert.equal(canOpen(graph, 'check', { name: 'Ada' }), false)
    assert.equal(canOpen(graph, 'pet-name', { name: 'Ada', hasPet: false }), false)
    assert.equal(canOpen(graph, 'has-pet', { name: 'Ada' }), true)
    assert.equal(canOpen(graph, 'name', { name: 'Ada', hasPet: false }), true)
  })

  it('sends a person back to where they should be', () => {
    assert.equal(currentStep(graph, {}), 'name')
    assert.equal(currentStep(graph, { name: 'Ada', hasPet: true }), 'pet-name')
    assert.equal(currentStep(graph, { name: 'Ada', hasPet: false, checked: true }), 'done')
  })

  it('goes back along the person\'s own path, skipping branches not taken', () => {
    assert.equal(previousStep(graph, 'check', { name: 'Ada', hasPet: false }), 'has-pet')
    assert.equal(previousStep(graph, 'check', { name: 'Ada', hasPet: true, petName: 'Rex' }), 'pet-name')
    assert.equal(previousStep(graph, 'name', {}), null)
  })

  it('returns to check answers after a change, unless the change opened a new question', () => {
    assert.equal(stepAfter(graph, 'name', { name: 'Bea', hasPet: false }, true), 'check')
    assert.equal(stepAfter(graph, 'has-pet', { name: 'Bea', hasPet: true }, true), 'pet-name')
    assert.equal(stepAfter(graph, 'name', { name: 'Bea' }, false), 'has-pet')
  })

  it('stops walking at a loop instead of hanging', () => {
    const looping: StepGraph<'a' | 'b', object> = { start: 'a', next: (step) => (step === 'a' ? 'b' : 'a'), isAnswered: () => true }
    assert.deepEqual(walk(looping, {}), ['a', 'b'])
  })
})
