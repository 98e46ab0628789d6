import { apiErrorSchema } from '../../../../../packages/kit/src/http/api-docs.ts'
import { TRN_LOOKUP_STATUSES } from '../../database/schema.ts'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../users/routes.ts'

const error = apiErrorSchema({ field: 'trn', fieldCode: 'invalid_trn' })

const trn = { type: 'string', pattern: '^[0-9]{7}$', example: '1234567' }
const nullableString = { type: 'string', nullable: true }

const user = {
  type: 'object',
  properties: {
    userId: { type: 'string', format: 'uuid' },
    email: { type: 'string', format: 'email' },
    firstName: nullableString,
    middleName: nullableString,
    lastName: nullableString,
    preferredName: nullableString,
    dateOfBirth: { type: 'string', format: 'date', nullable: true },
    trn: { ...trn, nullable: true },
    trnLookupStatus: { type: 'string', enum: TRN_LOOKUP_STATUSES, nullable: true },
    created: { type: 'string', format: 'date-time' },
  },
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } })
const userResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } } })
const commonErrors = {
  '401': errorResponse('Missing, expired or forged access token, or one for another audience (`WWW-Authenticate: Bearer`)'),
  '403': errorResponse('`insufficient_scope`: the token lacks the scope this operation needs'),
}
const writeErrors = { '400': errorResponse('Invalid input: nothing was changed'), '404': errorResponse('`user_not_found`'), ...commonErrors }
const userIdInPath = { name: 'userId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }

export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'DfE Identity account API',
    version: '1',
    description:
      'The people who sign in with DfE Identity, for client services. Authenticate with an access token from the client_credentials grant ' +
      '(`POST /connect/token`, resource `<issuer>/api`) carrying `user:read` (reads) or `user:write` (reads and changes).',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ accessToken: [] }],
  components: {
    securitySchemes: { accessToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A client_credentials access token from this provider' } },
    schemas: { Error: error, User: user },
  },
  paths: {
    '/users/{userId}': {
      get: {
        summary: 'Get a user',
        description: 'Scope `user:read` or `user:write`.',
        parameters: [userIdInPath],
        responses: {
          '200': {
            description: 'The user, the service they registered with, and the ids of the accounts merged into this one (earliest first)',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/User' },
                    {
                      type: 'object',
                      properties: { registeredWithClientId: nullableString, registeredWithClientDisplayName: nullableString, mergedUserIds: { type: 'array', items: { type: 'string', format: 'uuid' } } },
                    },
                  ],
                },
              },
            },
          },
          '404': errorResponse('`user_not_found`, or `user_merged` when the account was merged into another: the message gives the id to use instead (a UserMerged webhook said so too)'),
          ...commonErrors,
        },
      },
      patch: {
        summary: "Update a user's details",
        description: 'Scope `user:write`. Only the properties sent change; `middleName: null` clears it. Client services are sent UserUpdated.',
        parameters: [userIdInPath],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                minProperties: 1,
                properties: { email: { type: 'string', format: 'email' }, firstName: { type: 'string', maxLength: 200 }, middleName: { ...nullableString, maxLength: 200 }, lastName: { type: 'string', maxLength: 200 } },
              },
            },
          },
        },
        responses: { '200': userResponse('The user after the change'), '409': errorResponse('`email_in_use`: another user has this address'), ...writeErrors },
      },
    },
    '/users': {
      get: {
        summary: 'List users',
        description: 'Scope `user:read` or `user:write`. Ordered by last name, then first name.',
        parameters: [
          { name: 'pageNumber', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE } },
          { name: 'trnLookupStatus', in: 'query', description: `Comma-separated: ${TRN_LOOKUP_STATUSES.join(', ')}`, schema: { type: 'string', example: 'Pending,Failed' } },
        ],
        responses: {
          '200': {
            description: 'One page of users and how many match in all',
            content: { 'application/json': { schema: { type: 'object', properties: { users: { type: 'array', items: { $ref: '#/components/schemas/User' } }, total: { type: 'integer' } } } } },
          },
          '400': errorResponse('Invalid paging or status'),
          ...commonErrors,
        },
      },
    },
    '/users/{userId}/trn': {
      put: {
        summary: "Set a user's TRN",
        description: 'Scope `user:write`. A TRN links the teaching record (status Found); `null` records that it could not be found (status Failed). Client services are sent UserUpdated.',
        parameters: [userIdInPath],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['trn'], additionalProperties: false, properties: { trn: { ...trn, nullable: true } } } } },
        },
        responses: {
          '200': userResponse('The user after the change'),
          '409': errorResponse('`trn_assigned_to_another_user`, or `user_already_has_trn` (a different one)'),
          ...writeErrors,
        },
      },
    },
  },
}
