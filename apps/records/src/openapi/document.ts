import { apiErrorSchema } from '../../../../packages/kit/src/http/api-docs.ts'
import { z } from 'zod'
import { systemClock } from '../../../../packages/kit/src/clock.ts'
import { API_ROLES } from '../api-keys/keys.ts'
import { INDUCTION_STATUSES, NPQ_TYPES } from '../database/schema.ts'
import { personDetailsSchema } from '../persons/match/match-request.ts'

// Request bodies come from the same zod schemas the handlers validate with, so the document cannot drift from them.
const asJsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' })

const personDetails = asJsonSchema(personDetailsSchema(systemClock))

const error = apiErrorSchema({ field: 'dateOfBirth', fieldCode: 'invalid_date' })

const date = { type: 'string', format: 'date', example: '1985-03-14' }
const nullableDate = { ...date, nullable: true }
const trn = { type: 'string', pattern: '^[0-9]{7}$', example: '0123456' }

const person = {
  type: 'object',
  properties: {
    trn,
    status: { type: 'string', enum: ['active'] },
    firstName: { type: 'string' },
    middleName: { type: 'string', nullable: true },
    lastName: { type: 'string' },
    previousNames: {
      type: 'array',
      items: {
        type: 'object',
        properties: { firstName: { type: 'string', nullable: true }, middleName: { type: 'string', nullable: true }, lastName: { type: 'string' }, stoppedUsingOn: nullableDate },
      },
    },
    dateOfBirth: nullableDate,
    nationalInsuranceNumber: { type: 'string', nullable: true, example: 'QQ123456C' },
    email: { type: 'string', nullable: true },
    sex: { type: 'string', nullable: true, enum: ['female', 'male', 'other', 'not_provided'] },
    qtsDate: nullableDate,
    eytsDate: nullableDate,
    inductionStatus: { type: 'string', enum: INDUCTION_STATUSES },
    alerts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, category: { type: 'string' }, isProhibition: { type: 'boolean' } } },
          details: { type: 'string', nullable: true },
          startDate: nullableDate,
          endDate: nullableDate,
          isOpen: { type: 'boolean' },
        },
      },
    },
    npqQualifications: { type: 'array', items: { type: 'object', properties: { type: { type: 'string', enum: NPQ_TYPES }, awardedOn: date } } },
  },
}

const candidate = {
  type: 'object',
  properties: {
    trn,
    score: { type: 'integer', minimum: 0, maximum: 100 },
    reasons: { type: 'array', items: { type: 'string' }, example: ['date_of_birth_exact', 'last_name_exact', 'first_name_nickname'] },
  },
}

const trnRequestState = {
  type: 'object',
  properties: {
    requestId: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'completed'] },
    trn: { ...trn, nullable: true },
    potentialDuplicate: { type: 'boolean' },
  },
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } })
const commonErrors = {
  '400': errorResponse('Invalid input: nothing was changed'),
  '401': errorResponse('Missing or unknown API key'),
  '403': errorResponse('The key lacks the role this operation needs'),
  '429': errorResponse('Over the key\'s per-minute limit; see Retry-After'),
}

const trnInPath = { name: 'trn', in: 'path', required: true, schema: trn }
const noSuchRecord = errorResponse('No record has this TRN')
const recordDeactivated = errorResponse('The record has been deactivated')

export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Teaching record service API',
    version: '1',
    description:
      'The national record of teachers in England: look up records, match people to them and allocate TRNs. Authenticate with `Authorization: Bearer <API key>`. ' +
      `Keys carry roles (${API_ROLES.join(', ')}) and a per-minute limit (1,000 by default).`,
  },
  servers: [{ url: '/api/v1' }],
  security: [{ apiKey: [] }],
  components: {
    securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created with `npm run records:api-key`' } },
    schemas: { Error: error, Person: person, PersonDetails: personDetails, Candidate: candidate, TrnRequestState: trnRequestState },
  },
  paths: {
    '/persons/{trn}': {
      get: {
        summary: 'Get a teaching record',
        description: 'Role `read`.',
        parameters: [trnInPath],
        responses: {
          '200': { description: 'The record', content: { 'application/json': { schema: { $ref: '#/components/schemas/Person' } } } },
          '308': { description: 'The record was merged; Location names the surviving record', headers: { Location: { schema: { type: 'string' } } } },
          '404': noSuchRecord,
          '410': recordDeactivated,
          ...commonErrors,
        },
      },
      patch: {
        summary: 'Correct a person\'s details',
        description:
          'Role `write`. Send only the fields to change; `null` clears an optional one. A changed name is kept as a previous name (stopped being used today). The change is recorded with who made it, before and after, and the optional `reason`.',
        parameters: [trnInPath],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  firstName: { type: 'string', maxLength: 100 },
                  middleName: { type: 'string', maxLength: 100, nullable: true },
                  lastName: { type: 'string', maxLength: 100 },
                  dateOfBirth: date,
                  nationalInsuranceNumber: { type: 'string', nullable: true },
                  email: { type: 'string', nullable: true },
                  sex: { type: 'string', nullable: true, enum: ['female', 'male', 'other', 'not_provided'] },
                  reason: { type: 'string', maxLength: 500 },
                },
              },
            },
          },
        },
        responses: {
          '200': { description: 'The record after the change', content: { 'application/json': { schema: { $ref: '#/components/schemas/Person' } } } },
          '404': noSuchRecord,
          '409': errorResponse('The record was merged into another; change that one'),
          '410': recordDeactivated,
          ...commonErrors,
        },
      },
    },
    '/persons/{trn}/changes': {
      get: {
        summary: 'Every change to a record: who, what, when, before and after',
        description: 'Role `read`. Newest first.',
        parameters: [trnInPath],
        responses: {
          '200': {
            description: 'The changes',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    changes: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: { type: { type: 'string', example: 'person_updated' }, actor: { type: 'string', example: 'api-key:Register for an NPQ' }, occurredAt: { type: 'string', format: 'date-time' }, before: { type: 'object', nullable: true }, after: { type: 'object', nullable: true } },
                      },
                    },
                  },
                },
              },
            },
          },
          '404': noSuchRecord,
          ...commonErrors,
        },
      },
    },
    '/persons': {
      get: {
        summary: "Employers' exact lookup by last name and date of birth",
        description: 'Role `read`. Matches the date of birth exactly and the last name against current and previous surnames.',
        parameters: [
          { name: 'lastName', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'dateOfBirth', in: 'query', required: true, schema: date },
        ],
        responses: {
          '200': {
            description: 'Matching records (possibly none)',
            content: { 'application/json': { schema: { type: 'object', properties: { persons: { type: 'array', items: { type: 'object' } } } } } },
          },
          ...commonErrors,
        },
      },
    },
    '/persons/match': {
      post: {
        summary: 'Match a person to a teaching record',
        description:
          'Role `match`. `match`: exactly one record, with enough independent agreement to rely on. `possible`: records for a helpdesk agent to look at (never show them to the person). `none`: no plausible record.',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PersonDetails' } } } },
        responses: {
          '200': {
            description: 'The outcome',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['outcome'],
                  properties: {
                    outcome: { type: 'string', enum: ['match', 'possible', 'none'] },
                    trn: { ...trn, description: 'When outcome is match' },
                    score: { type: 'integer' },
                    agreedFields: { type: 'array', items: { type: 'string' } },
                    reasons: { type: 'array', items: { type: 'string' } },
                    candidates: { type: 'array', items: { $ref: '#/components/schemas/Candidate' }, description: 'When outcome is possible' },
                  },
                },
              },
            },
          },
          '413': errorResponse('Body too large'),
          '415': errorResponse('Body is not JSON'),
          ...commonErrors,
        },
      },
    },
    '/trn-requests': {
      post: {
        summary: 'Find or allocate a TRN',
        description:
          'Role `allocate`. Idempotent by `requestId` per API key: a repeat with the same details returns the first answer (200); the same id with different details is refused (409). A definite match completes with the existing TRN; plausible duplicates leave the request pending for a person to decide; otherwise a new record and TRN are created.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['requestId', 'person'],
                additionalProperties: false,
                properties: {
                  requestId: { type: 'string', maxLength: 100, pattern: '^[0-9A-Za-z_-]+$' },
                  person: { allOf: [{ $ref: '#/components/schemas/PersonDetails' }], description: 'May also carry `sex`: female, male, other or not_provided' },
                },
              },
            },
          },
        },
        responses: {
          '201': { description: 'Request recorded', content: { 'application/json': { schema: { $ref: '#/components/schemas/TrnRequestState' } } } },
          '200': { description: 'A repeat of an earlier request', content: { 'application/json': { schema: { $ref: '#/components/schemas/TrnRequestState' } } } },
          '409': errorResponse('requestId already used with different details'),
          ...commonErrors,
        },
      },
    },
    '/trn-requests/{requestId}': {
      get: {
        summary: 'The state of a TRN request made with this key',
        description: 'Role `allocate`.',
        parameters: [{ name: 'requestId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The request', content: { 'application/json': { schema: { $ref: '#/components/schemas/TrnRequestState' } } } },
          '404': errorResponse('No such request from this key'),
          ...commonErrors,
        },
      },
    },
  },
}
