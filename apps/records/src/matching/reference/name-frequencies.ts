// Approximate frequencies of given names and surnames among adults in England and Wales, per million people.
// Used to judge how rare a name is (matching) and to build realistic populations (benchmarks, demo data).
//
// Scope: people of working age, born roughly 1960–2003. Figures are per million people of both sexes, so a
// name borne by 2% of men is about 10,000 per million. They are rounded estimates written from general knowledge
// of British name popularity (birth-registration rankings by decade, surname distributions), not an extract of any
// data set: treat them as orders of magnitude, good to perhaps ±30% for common names and a factor of two for rare ones.
//
// Names are stored normalised: lower case, ASCII letters only, apostrophes and accents removed (O'Brien → obrien,
// Łukasz → lukasz). Hyphenated and multi-part names are not in the tables: look up each part.
//
// `origin` tags the naming tradition an entry mostly belongs to, so that a synthetic population can draw given names
// and surnames that go together (Mohammed Khan, Agnieszka Nowak). It describes names, not people. `sex` on a surname
// marks forms used by one sex only (Kaur, Begum, Polish -ska / -ski).

export type NameOrigin =
  | 'british' // English, Welsh, Scottish, Irish and Caribbean British names
  | 'arabic' // names of Arabic origin used by Pakistani, Bangladeshi, Indian Muslim, Somali and Arab communities
  | 'indic' // Gujarati, Punjabi Hindu, Tamil and other Indian names
  | 'sikh'
  | 'west-african' // Nigerian (Yoruba, Igbo) and Ghanaian (Akan) names
  | 'polish'
  | 'east-european' // Romanian, Lithuanian, Bulgarian, Czech, Slovak, Hungarian, Ukrainian
  | 'mediterranean' // Portuguese, Spanish, Italian, Greek and Greek Cypriot, Turkish
  | 'east-asian' // Chinese, Vietnamese, Korean

export type GivenNameEntry = { name: string; perMillion: number; sex: 'female' | 'male'; origin?: NameOrigin }
export type SurnameEntry = { name: string; perMillion: number; origin?: NameOrigin; sex?: 'female' | 'male' }

type Row = readonly [name: string, perMillion: number]

function given(sex: 'female' | 'male', origin: NameOrigin, rows: readonly Row[]): GivenNameEntry[] {
  return rows.map(([name, perMillion]) => ({ name, perMillion, sex, origin }))
}

function family(origin: NameOrigin, rows: readonly Row[], sex?: 'female' | 'male'): SurnameEntry[] {
  return rows.map(([name, perMillion]) => (sex ? { name, perMillion, origin, sex } : { name, perMillion, origin }))
}

export const givenNames: readonly GivenNameEntry[] = [
  ...given('female', 'british', [
    ['sarah', 10000], ['emma', 8000], ['laura', 6500], ['claire', 6000], ['rebecca', 6000], ['helen', 5500],
    ['rachel', 5500], ['nicola', 5500], ['lisa', 5000], ['louise', 4500], ['karen', 4500], ['julie', 4500],
    ['michelle', 4500], ['samantha', 4500], ['hannah', 4500], ['amy', 4500], ['charlotte', 4500], ['joanne', 4000],
    ['victoria', 4000], ['jessica', 3500], ['lauren', 3500], ['sophie', 3500], ['gemma', 3500], ['elizabeth', 3500],
    ['amanda', 3500], ['lucy', 3500], ['katie', 3000], ['kelly', 3000], ['catherine', 3000], ['jennifer', 3000],
    ['alison', 3000], ['susan', 3000], ['sharon', 3000], ['caroline', 3000], ['emily', 3000], ['chloe', 3000],
    ['natalie', 3000], ['deborah', 2500], ['tracey', 2500], ['jane', 2500], ['angela', 2500], ['hayley', 2500],
    ['danielle', 2500], ['zoe', 2500], ['anna', 2500], ['katherine', 2000], ['jacqueline', 2000], ['donna', 2000],
    ['megan', 2000], ['jade', 2000], ['stacey', 2000], ['kirsty', 2000], ['leanne', 2000], ['holly', 2000],
    ['clare', 2000], ['fiona', 2000], ['melanie', 2000], ['kerry', 2000], ['kathryn', 1500], ['tracy', 1500],
    ['dawn', 1500], ['georgia', 1500], ['kate', 1500], ['alice', 1500], ['eleanor', 1500], ['abigail', 1500],
    ['bethany', 1500], ['jodie', 1500], ['kimberley', 1500], ['joanna', 1500], ['andrea', 1500], ['ruth', 1500],
    ['sally', 1500], ['gillian', 1500], ['alexandra', 1500], ['natasha', 1500], ['maria', 1500], ['christine', 1500],
    ['suzanne', 1500], ['leah', 1500], ['ellie', 1000], ['olivia', 1000], ['grace', 1000], ['shannon', 1000],
    ['paige', 1000], ['chelsea', 1000], ['jenna', 1000], ['rachael', 1000], ['wendy', 1000], ['julia', 1000],
    ['heather', 1000], ['lindsey', 1000], ['lindsay', 1000], ['carly', 1000], ['charlene', 1000], ['jasmine', 1000],
    ['naomi', 1000], ['marie', 1000], ['anne', 1000], ['mary', 1000], ['lesley', 1000], ['diane', 1000],
    ['sian', 1000], ['amber', 1000], ['sandra', 1000], ['elaine', 1000], ['lorraine', 1000], ['kayleigh', 1000],
    ['sara', 1000], ['paula', 1000], ['tanya', 750], ['teresa', 750], ['francesca', 750], ['rosie', 750],
    ['georgina', 750], ['harriet', 750], ['margaret', 750], ['janet', 750], ['beverley', 750], ['denise', 750],
    ['siobhan', 750], ['ashleigh', 750], ['diana', 600], ['theresa', 500], ['ann', 500], ['patricia', 500],
    ['linda', 500], ['lynne', 500], ['niamh', 500], ['ciara', 500], ['rhian', 500], ['bethan', 500], ['louisa', 500],
    ['lydia', 500], ['esther', 500], ['amelia', 500], ['phoebe', 500], ['molly', 500], ['imogen', 500],
    ['toni', 500], ['tina', 500], ['yvonne', 500], ['pauline', 500], ['jemma', 500], ['sonia', 500], ['abbie', 500],
    ['kirsten', 500], ['caitlin', 500], ['vanessa', 500], ['katy', 500], ['barbara', 500], ['sabrina', 500],
    ['vicky', 500], ['philippa', 400], ['ellen', 300], ['hazel', 300], ['jayne', 300], ['lynsey', 300],
    ['rebekah', 300], ['chantelle', 300], ['kylie', 300], ['zara', 300], ['hollie', 300], ['ffion', 250],
    ['cerys', 250], ['catrin', 250], ['nia', 250], ['sinead', 250], ['rose', 250], ['freya', 250], ['poppy', 250],
    ['felicity', 250], ['bryony', 250],
  ]),
  ...given('male', 'british', [
    ['david', 13000], ['james', 10000], ['paul', 9500], ['andrew', 9500], ['michael', 9500], ['mark', 9000],
    ['john', 8000], ['christopher', 8000], ['daniel', 7500], ['matthew', 7500], ['richard', 6500], ['stephen', 6500],
    ['thomas', 6500], ['robert', 6000], ['peter', 4500], ['steven', 4500], ['adam', 4500], ['simon', 4000],
    ['ian', 4000], ['gary', 4000], ['anthony', 4000], ['ryan', 4000], ['jonathan', 3500], ['martin', 3500],
    ['luke', 3500], ['benjamin', 3000], ['lee', 3000], ['craig', 3000], ['darren', 3000], ['neil', 3000],
    ['kevin', 3000], ['jamie', 3000], ['samuel', 3000], ['joshua', 3000], ['jack', 3000], ['william', 3000],
    ['joseph', 3000], ['philip', 3000], ['nicholas', 3000], ['jason', 2500], ['scott', 2500], ['liam', 2500],
    ['nathan', 2500], ['alexander', 2500], ['alan', 2500], ['stuart', 2500], ['dean', 2000], ['carl', 2000],
    ['wayne', 2000], ['oliver', 2000], ['george', 2000], ['graham', 2000], ['timothy', 2000], ['gareth', 2000],
    ['sean', 2000], ['edward', 2000], ['aaron', 2000], ['ben', 1500], ['jordan', 1500], ['kieran', 1500],
    ['jake', 1500], ['connor', 1500], ['callum', 1500], ['lewis', 1500], ['harry', 1500], ['keith', 1500],
    ['colin', 1500], ['shaun', 1500], ['charles', 1500], ['adrian', 1500], ['gavin', 1500], ['ross', 1500],
    ['bradley', 1500], ['ashley', 1500], ['nigel', 1250], ['patrick', 1250], ['brian', 1000], ['rhys', 1000],
    ['sam', 1000], ['barry', 1000], ['russell', 1000], ['tony', 1000], ['marc', 1000], ['elliot', 1000],
    ['reece', 1000], ['owen', 1000], ['dominic', 1000], ['jeremy', 750], ['julian', 750], ['alistair', 750],
    ['charlie', 750], ['alex', 750], ['karl', 750], ['aidan', 750], ['leon', 750], ['louis', 750], ['joel', 750],
    ['jacob', 750], ['kyle', 750], ['christian', 750], ['marcus', 750], ['cameron', 750], ['dale', 600],
    ['dylan', 500], ['tom', 500], ['danny', 500], ['kenneth', 500], ['raymond', 500], ['roger', 500],
    ['duncan', 500], ['joe', 500], ['max', 500], ['glenn', 500], ['robin', 500], ['henry', 500], ['declan', 500],
    ['conor', 500], ['toby', 500], ['mathew', 500], ['ciaran', 500], ['emmanuel', 500], ['jon', 500],
    ['phillip', 500], ['tyler', 500], ['mitchell', 500], ['billy', 500], ['damian', 500], ['damien', 500],
    ['warren', 500], ['curtis', 500], ['gregory', 500], ['grant', 500], ['elliott', 500], ['malcolm', 400],
    ['guy', 400], ['rory', 400], ['stewart', 400], ['ricky', 400], ['antony', 400], ['jay', 400], ['ethan', 400],
    ['sebastian', 300], ['francis', 300], ['trevor', 300], ['gordon', 300], ['clive', 300], ['vincent', 300],
    ['harrison', 300], ['fraser', 300], ['lloyd', 300], ['martyn', 300], ['spencer', 300], ['terry', 300],
    ['dafydd', 250], ['huw', 250], ['niall', 250], ['gabriel', 250], ['isaac', 250],
  ]),
  ...given('female', 'arabic', [
    ['fatima', 400], ['aisha', 400], ['yasmin', 400], ['nadia', 400], ['ayesha', 300], ['sana', 200], ['amina', 200],
    ['shazia', 200], ['saima', 200], ['zainab', 200], ['maryam', 200], ['shabana', 150], ['nasreen', 150],
    ['farzana', 150], ['samina', 150], ['sadia', 150], ['hina', 150], ['asma', 150], ['nazia', 150], ['sabina', 150],
    ['salma', 150], ['parveen', 150], ['khadija', 150], ['mariam', 150], ['rukhsana', 100], ['rubina', 100],
    ['tahmina', 100], ['rehana', 100], ['shamima', 100], ['hafsa', 100], ['iqra', 100], ['nusrat', 100],
    ['rabia', 100], ['samira', 100], ['halima', 100],
  ]),
  ...given('male', 'arabic', [
    ['mohammed', 2500], ['muhammad', 1750], ['mohammad', 600], ['abdul', 500], ['mohamed', 400], ['imran', 400],
    ['ahmed', 300], ['amir', 250], ['hassan', 250], ['bilal', 250], ['asif', 250], ['ali', 250], ['omar', 250],
    ['hamza', 250], ['adnan', 200], ['usman', 200], ['tariq', 200], ['shahid', 200], ['yusuf', 200],
    ['ibrahim', 200], ['kamran', 150], ['faisal', 150], ['arif', 150], ['zahid', 150], ['nadeem', 150],
    ['sajid', 150], ['waqas', 150], ['irfan', 150], ['rizwan', 150], ['abdullah', 150], ['khalid', 150],
    ['wasim', 150], ['ismail', 150], ['junaid', 100], ['salman', 100], ['zubair', 100], ['mustafa', 100],
    ['naveed', 100], ['haroon', 100], ['farhan', 100],
  ]),
  ...given('female', 'indic', [
    ['anita', 300], ['priya', 250], ['sunita', 150], ['neha', 150], ['pooja', 150], ['nisha', 150], ['reena', 150],
    ['seema', 150], ['meena', 100], ['kavita', 100], ['shilpa', 100], ['asha', 100], ['divya', 100],
    ['nikita', 100], ['bhavna', 100], ['jyoti', 100], ['anjali', 100], ['preeti', 100], ['deepa', 100],
  ]),
  ...given('male', 'indic', [
    ['rajesh', 200], ['sanjay', 200], ['amit', 200], ['ravi', 200], ['sunil', 200], ['rahul', 200], ['vijay', 150],
    ['anil', 150], ['deepak', 150], ['raj', 150], ['rakesh', 150], ['ajay', 150], ['arjun', 100], ['nikhil', 100],
    ['ashok', 100], ['dinesh', 100], ['manoj', 100], ['rohit', 100], ['vishal', 100], ['pradeep', 100],
  ]),
  ...given('female', 'sikh', [
    ['harpreet', 250], ['gurpreet', 200], ['jaspreet', 200], ['manpreet', 200], ['simran', 150], ['jasvinder', 150],
    ['amandeep', 150], ['ravinder', 150], ['rajwinder', 100], ['kulwinder', 100], ['parminder', 100],
    ['jaswinder', 100], ['manjit', 100], ['navdeep', 80], ['rupinder', 80],
  ]),
  ...given('male', 'sikh', [
    ['gurpreet', 250], ['harpreet', 150], ['mandeep', 150], ['amarjit', 150], ['rajinder', 150], ['sandeep', 150],
    ['jaspreet', 100], ['jasbir', 100], ['kuldip', 100], ['sukhdev', 100], ['baljit', 100], ['harjit', 100],
    ['manjit', 100], ['gurdeep', 100], ['jaswinder', 100], ['kulwinder', 100], ['parminder', 100],
    ['harvinder', 100], ['hardeep', 100],
  ]),
  ...given('female', 'west-african', [
    ['blessing', 200], ['precious', 150], ['chioma', 150], ['chiamaka', 100], ['ngozi', 100], ['funmilayo', 100],
    ['folasade', 100], ['oluwatoyin', 100], ['abena', 100], ['ama', 100], ['akosua', 100], ['adwoa', 100],
    ['yetunde', 100], ['bukola', 100], ['nneka', 100], ['temitope', 100],
  ]),
  ...given('male', 'west-african', [
    ['kwame', 150], ['kofi', 150], ['oluwaseun', 100], ['olusegun', 100], ['adebayo', 100], ['babatunde', 100],
    ['femi', 100], ['chinedu', 100], ['emeka', 100], ['chukwuemeka', 100], ['kwabena', 100], ['obinna', 80],
    ['tobi', 80], ['segun', 80], ['kayode', 80],
  ]),
  ...given('female', 'polish', [
    ['agnieszka', 300], ['katarzyna', 300], ['magdalena', 250], ['monika', 250], ['karolina', 250], ['natalia', 250],
    ['aleksandra', 200], ['marta', 200], ['justyna', 200], ['malgorzata', 200], ['paulina', 200], ['ewa', 150],
    ['sylwia', 150], ['dorota', 120], ['beata', 120], ['izabela', 120], ['patrycja', 120], ['iwona', 120],
  ]),
  ...given('male', 'polish', [
    ['piotr', 250], ['tomasz', 250], ['pawel', 250], ['marcin', 250], ['michal', 250], ['lukasz', 250],
    ['krzysztof', 200], ['jakub', 200], ['kamil', 200], ['mateusz', 200], ['bartosz', 150], ['marek', 120],
    ['dariusz', 120], ['grzegorz', 120], ['rafal', 120], ['wojciech', 120], ['maciej', 120], ['dawid', 120],
  ]),
  ...given('female', 'east-european', [
    ['elena', 250], ['cristina', 150], ['eva', 150], ['ioana', 100], ['andreea', 100], ['alina', 100],
    ['gabriela', 100], ['irina', 100], ['kristina', 100], ['mihaela', 80], ['anastasia', 80], ['lucia', 80],
  ]),
  ...given('male', 'east-european', [
    ['stefan', 200], ['andrei', 150], ['alexandru', 100], ['mihai', 100], ['cristian', 100], ['marius', 100],
    ['ivan', 100], ['tomas', 100], ['lukas', 100], ['jan', 100], ['florin', 80], ['bogdan', 80],
  ]),
  ...given('female', 'mediterranean', [
    ['sofia', 200], ['ana', 150], ['carla', 150], ['carmen', 80], ['giulia', 60], ['chiara', 60], ['joana', 60],
    ['mariana', 60], ['valentina', 60], ['eleni', 60], ['ayse', 60],
  ]),
  ...given('male', 'mediterranean', [
    ['jose', 150], ['antonio', 150], ['marco', 150], ['mehmet', 150], ['joao', 100], ['luis', 100], ['carlos', 100],
    ['mario', 100], ['miguel', 100], ['manuel', 100], ['ricardo', 100], ['andreas', 100], ['christos', 80],
    ['pedro', 80],
  ]),
  ...given('female', 'east-asian', [['mei', 50], ['ling', 50], ['linh', 50], ['anh', 50], ['yan', 40], ['huong', 40]]),
  ...given('male', 'east-asian', [['wei', 60], ['minh', 50], ['ming', 40], ['jun', 40], ['jin', 40], ['tuan', 40]]),
]

export const surnames: readonly SurnameEntry[] = [
  ...family('british', [
    ['smith', 11500], ['jones', 9000], ['williams', 6300], ['taylor', 5000], ['brown', 4600], ['davies', 4500],
    ['evans', 3600], ['wilson', 3300], ['thomas', 3300], ['johnson', 3200], ['roberts', 3100], ['robinson', 2500],
    ['thompson', 2500], ['wright', 2500], ['walker', 2400], ['white', 2300], ['edwards', 2300], ['hughes', 2300],
    ['green', 2200], ['hall', 2200], ['lewis', 2200], ['harris', 2100], ['clarke', 2000], ['jackson', 2000],
    ['wood', 1900], ['turner', 1800], ['martin', 1800], ['cooper', 1800], ['hill', 1800], ['ward', 1800],
    ['morris', 1700], ['moore', 1700], ['clark', 1600], ['lee', 1600], ['king', 1600], ['baker', 1600],
    ['harrison', 1600], ['morgan', 1600], ['allen', 1500], ['james', 1500], ['scott', 1400], ['phillips', 1400],
    ['watson', 1400], ['davis', 1400], ['parker', 1400], ['price', 1300], ['bennett', 1300], ['young', 1300],
    ['griffiths', 1300], ['mitchell', 1300], ['kelly', 1300], ['cook', 1300], ['carter', 1300],
    ['richardson', 1200], ['bailey', 1200], ['collins', 1200], ['bell', 1200], ['shaw', 1200], ['murphy', 1200],
    ['miller', 1100], ['cox', 1100], ['richards', 1100], ['marshall', 1000], ['anderson', 1000], ['simpson', 1000],
    ['ellis', 1000], ['adams', 1000], ['wilkinson', 950], ['foster', 950], ['chapman', 950], ['powell', 950],
    ['webb', 950], ['rogers', 950], ['mason', 950], ['hunt', 900], ['campbell', 900], ['matthews', 900],
    ['owen', 900], ['palmer', 900], ['holmes', 850], ['mills', 850], ['barnes', 850], ['knight', 850],
    ['lloyd', 850], ['butler', 850], ['russell', 850], ['barker', 850], ['fisher', 850], ['stevens', 850],
    ['jenkins', 850], ['gray', 800], ['murray', 800], ['dixon', 800], ['harvey', 800], ['graham', 750],
    ['pearson', 750], ['fletcher', 750], ['walsh', 750], ['gibson', 750], ['howard', 750], ['andrews', 750],
    ['stewart', 700], ['elliott', 700], ['reynolds', 700], ['saunders', 700], ['payne', 700], ['fox', 700],
    ['ford', 700], ['pearce', 700], ['day', 700], ['brooks', 700], ['west', 650], ['lawrence', 650], ['cole', 650],
    ['atkinson', 650], ['bradley', 650], ['spencer', 650], ['gill', 650], ['dawson', 650], ['ball', 650],
    ['burton', 650], ['obrien', 600], ['watts', 600], ['rose', 600], ['booth', 600], ['perry', 600], ['ryan', 600],
    ['grant', 600], ['wells', 600], ['armstrong', 600], ['francis', 600], ['rees', 600], ['hayes', 600],
    ['hart', 600], ['hudson', 600], ['newman', 600], ['barrett', 550], ['webster', 550], ['hunter', 550],
    ['gregory', 550], ['carr', 550], ['lowe', 550], ['page', 550], ['marsh', 550], ['riley', 550], ['dunn', 550],
    ['woods', 550], ['parsons', 550], ['berry', 550], ['stone', 550], ['reid', 550], ['holland', 500],
    ['hawkins', 500], ['harding', 500], ['porter', 500], ['robertson', 500], ['newton', 500], ['oliver', 500],
    ['reed', 500], ['kennedy', 500], ['williamson', 500], ['bird', 500], ['gardner', 500], ['dean', 500],
    ['lane', 500], ['cooke', 500], ['bates', 500], ['henderson', 500], ['parry', 500], ['burgess', 500],
    ['bishop', 500], ['walton', 500], ['burns', 500], ['nicholson', 500], ['shepherd', 500], ['ross', 450],
    ['cross', 450], ['long', 450], ['freeman', 450], ['warren', 450], ['nicholls', 450], ['hamilton', 450],
    ['byrne', 450], ['sutton', 450], ['mcdonald', 450], ['yates', 450], ['hodgson', 450], ['robson', 450],
    ['curtis', 450], ['hopkins', 450], ['oconnor', 450], ['harper', 450], ['coleman', 450], ['watkins', 450],
    ['moss', 450], ['mccarthy', 450], ['chambers', 450], ['oneill', 450], ['griffin', 400], ['sharp', 400],
    ['hardy', 400], ['wheeler', 400], ['potter', 400], ['osborne', 400], ['johnston', 400], ['gordon', 400],
    ['doyle', 400], ['wallace', 400], ['george', 400], ['jordan', 400], ['hutchinson', 400], ['lambert', 400],
    ['read', 400], ['lamb', 400], ['fowler', 400], ['hammond', 400], ['reeves', 400], ['horton', 350],
    ['frost', 350], ['rowe', 350], ['austin', 350], ['mann', 350], ['barton', 350], ['black', 350],
    ['sanders', 350], ['stephens', 350], ['fraser', 350], ['norris', 350], ['pritchard', 350], ['morrison', 350],
    ['pugh', 350], ['lucas', 350], ['thornton', 350], ['davidson', 350], ['dobson', 300], ['wade', 300],
    ['todd', 300], ['farrell', 300], ['bentley', 300], ['bond', 300], ['kirby', 300], ['howell', 300],
    ['brennan', 300], ['townsend', 300], ['kirk', 300], ['morton', 300], ['parkinson', 300], ['schofield', 300],
    ['whitehead', 300], ['barber', 300], ['nash', 300], ['moran', 300], ['quinn', 300], ['owens', 300],
    ['buckley', 300], ['jarvis', 300], ['connolly', 300], ['sullivan', 300], ['tucker', 300], ['burke', 300],
    ['steele', 300], ['lynch', 300], ['blake', 300], ['clayton', 300], ['daniels', 300], ['holt', 300],
    ['humphreys', 300], ['jennings', 300], ['peters', 300], ['stevenson', 300], ['cunningham', 300],
    ['bowen', 300], ['ashton', 250], ['benson', 250], ['bryant', 250], ['chandler', 250], ['dennis', 250],
    ['fleming', 250], ['gallagher', 250], ['goodwin', 250], ['hancock', 250], ['houghton', 250], ['kemp', 250],
    ['lord', 250], ['lyons', 250], ['metcalfe', 250], ['middleton', 250], ['morley', 250], ['nelson', 250],
    ['nolan', 250], ['norton', 250], ['osullivan', 250], ['rhodes', 250], ['savage', 250], ['slater', 250],
    ['tomlinson', 250], ['vaughan', 250], ['wall', 250], ['whittaker', 250], ['wilkins', 250], ['woodward', 250],
    ['mckenzie', 250], ['macdonald', 250], ['stokes', 250], ['bradshaw', 250], ['bolton', 250], ['brookes', 250],
    ['hicks', 250], ['higgins', 250], ['howarth', 250], ['barlow', 250], ['cartwright', 250], ['charlton', 250],
    ['craig', 250], ['dyer', 250], ['farmer', 250], ['field', 250], ['flynn', 250], ['gilbert', 250],
    ['glover', 250], ['hargreaves', 250], ['hewitt', 250], ['jacobs', 250], ['little', 250], ['skinner', 250],
    ['walters', 250], ['waters', 250], ['dunne', 200], ['garner', 200], ['gough', 200], ['hanson', 200],
    ['mcgrath', 200], ['moody', 200], ['pollard', 200], ['randall', 200], ['rowley', 200], ['summers', 200],
    ['swift', 200], ['thorpe', 200], ['weaver', 200], ['winter', 200], ['wyatt', 200], ['mclaughlin', 200],
    ['mackenzie', 200], ['briggs', 200], ['hale', 200], ['hobbs', 200], ['holden', 200], ['hurst', 200],
    ['kay', 200], ['kerr', 200], ['birch', 200], ['bull', 200], ['burrows', 200], ['conway', 200], ['east', 200],
    ['eaton', 200], ['finch', 200], ['ingram', 200], ['joyce', 200], ['kent', 200], ['lees', 200],
    ['mellor', 200], ['myers', 200], ['pratt', 200], ['preston', 200], ['rice', 200], ['sheppard', 200],
    ['short', 200], ['sims', 200], ['sykes', 200],
  ]),
  ...family('arabic', [
    ['khan', 1400], ['ali', 1100], ['hussain', 1000], ['ahmed', 1000], ['rahman', 450], ['akhtar', 400],
    ['miah', 350], ['iqbal', 300], ['malik', 300], ['uddin', 300], ['islam', 300], ['mohammed', 300],
    ['mahmood', 250], ['hassan', 250], ['chowdhury', 250], ['butt', 200], ['bhatti', 150], ['chaudhry', 150],
    ['qureshi', 150], ['rashid', 150], ['hossain', 150], ['mohamed', 150], ['anwar', 120], ['bashir', 120],
    ['haq', 120], ['sheikh', 120], ['ibrahim', 100], ['aslam', 100], ['mirza', 100], ['nawaz', 100],
    ['haque', 100], ['zaman', 100], ['siddiqui', 80], ['javed', 80], ['hanif', 80], ['yousaf', 80], ['raja', 80],
    ['abdi', 60], ['farah', 60], ['yusuf', 60], ['osman', 50],
  ]),
  ...family('arabic', [['begum', 900], ['bibi', 250], ['khatun', 150]], 'female'),
  ...family('indic', [
    ['patel', 1800], ['shah', 500], ['kumar', 400], ['sharma', 350], ['mistry', 200], ['chauhan', 150],
    ['parmar', 150], ['joshi', 120], ['gupta', 120], ['mehta', 100], ['rana', 100], ['rai', 100], ['solanki', 80],
    ['desai', 80], ['verma', 80], ['jain', 60], ['kapoor', 50], ['fernandes', 100], ['dsouza', 120],
    ['fernando', 40], ['perera', 40],
  ]),
  ...family('sikh', [
    ['sandhu', 200], ['dhillon', 150], ['sidhu', 120], ['bains', 100], ['johal', 100], ['grewal', 100],
    ['sahota', 80], ['kang', 80], ['randhawa', 80],
  ]),
  ...family('sikh', [['kaur', 1500]], 'female'),
  ...family('sikh', [['singh', 1500]], 'male'),
  ...family('west-african', [
    ['mensah', 50], ['owusu', 60], ['boateng', 50], ['asante', 40], ['osei', 40], ['okafor', 40], ['adeyemi', 40],
    ['adebayo', 40], ['okonkwo', 30], ['okeke', 30], ['eze', 30], ['bello', 30], ['afolabi', 25], ['appiah', 25],
    ['moyo', 30],
  ]),
  ...family('polish', [
    ['nowak', 70], ['wojcik', 25], ['kowalczyk', 25], ['wozniak', 20], ['mazur', 20], ['krawczyk', 15],
    ['pawlak', 12], ['krol', 10], ['wieczorek', 10], ['zajac', 10], ['wrobel', 10],
  ]),
  ...family('polish', [
    ['kowalski', 20], ['wisniewski', 15], ['lewandowski', 15], ['kaminski', 12], ['zielinski', 11],
    ['szymanski', 12], ['dabrowski', 10], ['kozlowski', 9], ['jankowski', 9],
  ], 'male'),
  ...family('polish', [
    ['kowalska', 22], ['wisniewska', 15], ['lewandowska', 15], ['kaminska', 13], ['zielinska', 12],
    ['szymanska', 12], ['dabrowska', 10], ['kozlowska', 9], ['jankowska', 9],
  ], 'female'),
  ...family('east-european', [['popescu', 20], ['popa', 20], ['ionescu', 10], ['kazlauskas', 6], ['nagy', 10]]),
  ...family('east-european', [['ivanov', 15], ['petrov', 8]], 'male'),
  ...family('east-european', [['ivanova', 15], ['petrova', 8]], 'female'),
  ...family('mediterranean', [
    ['silva', 150], ['santos', 100], ['pereira', 90], ['ferreira', 80], ['rodrigues', 80], ['garcia', 80],
    ['costa', 60], ['gomes', 60], ['martinez', 40], ['lopez', 40], ['gonzalez', 40], ['georgiou', 40],
    ['rossi', 30], ['russo', 30], ['christou', 25], ['constantinou', 25], ['ioannou', 25], ['romano', 25],
    ['yilmaz', 40], ['kaya', 20], ['demir', 20], ['papadopoulos', 15],
  ]),
  ...family('east-asian', [
    ['wong', 200], ['chan', 200], ['nguyen', 150], ['chen', 120], ['li', 120], ['wang', 100], ['tran', 80],
    ['lam', 70], ['liu', 70], ['zhang', 60], ['ho', 60], ['ng', 60], ['cheung', 60], ['yang', 50], ['le', 50],
    ['huang', 40], ['pham', 40], ['kim', 40], ['lin', 40],
  ]),
]

// Names not in the tables. Rates here are what `givenNamePerMillion` / `surnamePerMillion` return for them.
//
// An unlisted name is not one rare name but a long tail: surnames just below the table (rank ~450) are still ~150–200
// per million, rank ~5,000 ones about 10, and most of the ~300,000 surnames in England and Wales are borne by a handful
// of people. About 70% of people carry a surname outside the table (about 35% a given name outside it), so the value
// returned for "unlisted" has to describe that whole tail. Matchers weigh names by log-frequency, so the right single
// value is the tail's geometric mean frequency weighted by the people who carry those names: about 20 per million for
// surnames and 50 for given names (most unlisted given names are real names just below the table, like Tamsin or
// Rufus; the surname tail is far longer). That is below every common British entry, so an unlisted name counts as
// rarer than a listed common one, but not as near-unique: pretending unlisted names were one-in-a-million would make a
// shared rare surname plus a shared date of birth look conclusive when, across a million records, it is not.
// scripts/bench/population models the same tail, and its tests check these two values against that model.
export const UNLISTED_GIVEN_NAME_PER_MILLION = 50
export const UNLISTED_SURNAME_PER_MILLION = 20

function sumByName<T extends { name: string; perMillion: number }>(entries: readonly T[]): Map<string, number> {
  const index = new Map<string, number>()
  for (const entry of entries) index.set(entry.name, (index.get(entry.name) ?? 0) + entry.perMillion)
  return index
}

// A name listed more than once (Harpreet for both sexes, Ali as an Arabic given name for men) counts once, summed.
const givenNameIndex = sumByName(givenNames)
const surnameIndex = sumByName(surnames)

/** Frequency per million of a normalised given name; names not in the table count as rare. */
export function givenNamePerMillion(normalisedName: string): number {
  return givenNameIndex.get(normalisedName) ?? UNLISTED_GIVEN_NAME_PER_MILLION
}

/** Frequency per million of a normalised surname; names not in the table count as rare. */
export function surnamePerMillion(normalisedName: string): number {
  return surnameIndex.get(normalisedName) ?? UNLISTED_SURNAME_PER_MILLION
}
