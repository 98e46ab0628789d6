import { formErrors } from '../../../../../packages/kit/src/web/forms.ts'
import type { AdminDependencies } from '../dependencies.ts'
import { formatDate, lookupStatusText } from '../shared/format.ts'
import { userPath } from '../shared/paths.ts'
import type { AdminRoutes } from '../shared/routes.ts'
import { MAX_QUERY_LENGTH, readUserSearch, searchUsers } from './search.ts'

const VIEW = 'admin/users/users'
const MOST_RESULTS = 50

/** /admin/users?q=: people's accounts by name, email address, TRN or account id. */
export function usersPages(routes: AdminRoutes, dependencies: AdminDependencies): void {
  routes.get('/users', 'support', async (req, res) => {
    const raw = req.query.q
    if (raw !== undefined && typeof raw !== 'string') {
      return res.status(400).render(VIEW, { errors: formErrors([{ field: 'q', message: 'Enter one name, email address or TRN to search for' }]), values: {} })
    }
    const q = raw ?? ''
    if (q.length > MAX_QUERY_LENGTH) {
      return res.status(400).render(VIEW, { errors: formErrors([{ field: 'q', message: `Search must be ${MAX_QUERY_LENGTH} characters or less` }]), values: { q } })
    }
    const search = readUserSearch(q)
    const users = await searchUsers(dependencies.db, search, MOST_RESULTS + 1)
    const results = users.slice(0, MOST_RESULTS).map((user) => ({
      href: userPath(user.sub),
      name: [user.given_name, user.middle_name, user.family_name].filter(Boolean).join(' ') || '(no name yet)',
      email: user.email,
      dateOfBirth: formatDate(user.birthdate),
      trn: user.trn ?? '',
      status: user.merged_into ? 'Merged into another account' : lookupStatusText(user.trn_lookup_status),
    }))
    res.render(VIEW, { values: { q }, searched: search.by !== 'nothing', results, more: users.length > MOST_RESULTS })
  })
}
