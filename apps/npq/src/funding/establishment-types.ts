// GIAS "TypeOfEstablishment (code)" values the funding rules care about.
//
// Schools, academies and colleges count as eligible workplaces when they are state-funded, or teach mostly
// state-funded pupils. These 30 types are the ones DfE's funding policy lists:
//
//   local authority maintained: 1 Community school, 2 Voluntary aided school, 3 Voluntary controlled school,
//     5 Foundation school, 7 Community special school, 12 Foundation special school, 14 Pupil referral unit,
//     15 Local authority nursery school
//   academies and free schools: 28 Academy sponsor led, 33 Academy special sponsor led, 34 Academy converter,
//     35 Free schools, 36 Free schools special, 38 Free schools alternative provision, 39 Free schools 16 to 19,
//     40 University technical college, 41 Studio schools, 42 Academy alternative provision converter,
//     43 Academy alternative provision sponsor led, 44 Academy special converter, 45 Academy 16-19 converter,
//     46 Academy 16 to 19 sponsor led
//   special schools whose places local authorities pay for: 8 Non-maintained special school,
//     10 Other independent special school
//   post-16 and other publicly funded provision: 6 City technology college, 18 Further education,
//     24 Secure units, 26 Service children's education, 31 Sixth form centres, 32 Special post 16 institution
//
// Left out on purpose: 11 Other independent school (fee-paying), 25 Offshore schools, 27 Miscellaneous,
// 29 Higher education institutions, 30 Welsh establishment (not in England), 37 British schools overseas,
// 56 Institution funded by other government department, 49 Online provider, 57 Academy secure 16 to 19 and
// any code GIAS adds later: a new type is ineligible until policy says otherwise and this list changes.

export const ELIGIBLE_ESTABLISHMENT_TYPE_CODES: ReadonlySet<number> = new Set([
  1, 2, 3, 5, 6, 7, 8, 10, 12, 14, 15, 18, 24, 26, 28, 31, 32, 33, 34, 35, 36, 38, 39, 40, 41, 42, 43, 44, 45, 46,
])

/** "Local authority nursery school": the only early years setting funded for courses other than Early years leadership. */
export const LOCAL_AUTHORITY_NURSERY_SCHOOL_TYPE_CODE = 15

/** "Welsh establishment": listed in GIAS but not in England. */
export const WELSH_ESTABLISHMENT_TYPE_CODE = 30

// GIAS local authority codes whose establishments are not in England (the Vale of Glamorgan, forces and
// fieldwork schools overseas, Gibraltar, and "Does not apply").
const LA_CODES_NOT_IN_ENGLAND: ReadonlySet<string> = new Set(['000', '673', '702', '704', '708'])

export function isEligibleEstablishmentType(establishmentTypeCode: number): boolean {
  return ELIGIBLE_ESTABLISHMENT_TYPE_CODES.has(establishmentTypeCode)
}

export function isLocalAuthorityNurserySchool(establishmentTypeCode: number): boolean {
  return establishmentTypeCode === LOCAL_AUTHORITY_NURSERY_SCHOOL_TYPE_CODE
}

/** Whether a GIAS establishment is in England, for the school search (the journey stops for schools elsewhere). */
export function isGiasEstablishmentInEngland(establishment: { establishmentTypeCode: number; laCode: string }): boolean {
  return establishment.establishmentTypeCode !== WELSH_ESTABLISHMENT_TYPE_CODE && !LA_CODES_NOT_IN_ENGLAND.has(establishment.laCode)
}
