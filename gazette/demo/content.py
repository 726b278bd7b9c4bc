"""Fictional editorial content for the Gazette demo site.

Provides ``SECTIONS``, ``AUTHORS`` and ``ARTICLES``: plain data describing a
small international newsroom. The people quoted and the events reported are
invented; the cities are real. Publication times are relative (``days_ago``,
``hour`` and ``minute`` in the site's time zone) except for one back-dated
article, which carries an absolute ``published_at``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class SectionSpec:
    slug: str
    title: str
    description: str
    comment_mode: str


@dataclass(frozen=True)
class AuthorSpec:
    slug: str
    name: str
    bio: str


@dataclass(frozen=True)
class ArticleSpec:
    slug: str
    headline: str
    standfirst: str
    section: str
    authors: tuple[str, ...]
    place: str
    tags: tuple[str, ...]
    paragraphs: tuple[str, ...]
    pull_quote: tuple[str, str] | None
    image_caption: str
    image_credit: str
    language: str = "en"
    days_ago: int = 0
    hour: int = 9
    minute: int = 0
    published_at: datetime | None = None
    comment_mode: str = ""


ILLUSTRATION = "Illustration: Gazette"
ILLUSTRATION_FA = "تصویرسازی: گازت"


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        slug="world",
        title="World",
        description=(
            "Reporting from cities and regions around the globe, with a close eye on water, "
            "climate and public health."
        ),
        comment_mode="premoderated",
    ),
    SectionSpec(
        slug="politics",
        title="Politics",
        description="Elections, city halls and the decisions that shape daily life.",
        comment_mode="premoderated",
    ),
    SectionSpec(
        slug="business",
        title="Business",
        description="Markets, trade, energy and the working lives behind the numbers.",
        comment_mode="premoderated",
    ),
    SectionSpec(
        slug="culture",
        title="Culture",
        description="Arts, books, food, science and sport from stages, studios and stadiums.",
        comment_mode="open",
    ),
)


AUTHORS: tuple[AuthorSpec, ...] = (
    AuthorSpec(
        slug="amara-nwosu",
        name="Amara Nwosu",
        bio=(
            "Amara Nwosu reports on health, water and cities, mostly from Africa and South Asia. "
            "She is based in Nairobi."
        ),
    ),
    AuthorSpec(
        slug="mariana-teixeira",
        name="Mariana Teixeira",
        bio=(
            "Mariana Teixeira covers business and the Americas from São Paulo, with a soft spot "
            "for markets where prices are still shouted."
        ),
    ),
    AuthorSpec(
        slug="farid-rahimi",
        name="Farid Rahimi",
        bio=(
            "Farid Rahimi writes about politics and society across the Middle East, the Caucasus "
            "and Central Asia, in English and Persian. He is based in Istanbul."
        ),
    ),
    AuthorSpec(
        slug="hana-kobayashi",
        name="Hana Kobayashi",
        bio=(
            "Hana Kobayashi writes about science, culture and city life. She divides her time "
            "between Tokyo and Berlin."
        ),
    ),
)


ARTICLES: tuple[ArticleSpec, ...] = (
    # World
    ArticleSpec(
        slug="nairobi-eases-water-rationing",
        headline="Nairobi eases water rationing as reservoirs recover after heavy rains",
        standfirst=(
            "The city's water utility will restore daily supply to most neighbourhoods next week, "
            "but engineers warn that ageing pipes still lose a third of what is pumped."
        ),
        section="world",
        authors=("amara-nwosu",),
        place="Nairobi",
        tags=("water", "cities", "climate"),
        paragraphs=(
            "Households across Nairobi will receive piped water every day from next week for the "
            "first time in almost five months, after heavy rains in the highlands north of the "
            "capital lifted reservoir levels above the threshold set for rationing. The city's "
            "water utility announced the change late yesterday, saying its main supply dam had "
            "reached 86 per cent of capacity.",
            "For most of that period, neighbourhoods received water on two or three days a week "
            "according to a published rota, with the gaps covered by storage tanks, boreholes and "
            "private vendors. In informal settlements along the Nairobi River, residents said "
            "vendors had doubled their prices at the height of the shortage.",
            "“People have been planning their lives around the rota, doing laundry at midnight "
            "because that is when the tap runs,” said Grace Wanjiru, who chairs a residents' "
            "association in Kibera. “Daily water means time back for families, especially for the "
            "women and girls who carry the jerrycans.”",
            "Engineers at the utility cautioned that the improvement would not fix the network's "
            "underlying problems. Roughly a third of the water that leaves the treatment works "
            "never reaches a paying customer, lost to leaks, burst mains and illegal connections.",
            "Daniel Mwangi, the utility's head of operations, said crews would use the coming "
            "months to replace 40 kilometres of corroded pipe in the eastern suburbs. “The rain "
            "has given us breathing space, not a solution,” he said. “If we waste this window, we "
            "will be back on rationing at the next dry spell.”",
        ),
        pull_quote=(
            "The rain has given us breathing space, not a solution.",
            "Daniel Mwangi, head of operations at the city's water utility",
        ),
        image_caption=(
            "Reservoirs in the highlands north of Nairobi supply most of the capital's water."
        ),
        image_credit=ILLUSTRATION,
        days_ago=0,
        hour=7,
        minute=40,
    ),
    ArticleSpec(
        slug="jakarta-pumps-and-sea-wall-north-districts",
        headline="Jakarta's northern districts bet on pumps and a higher sea wall",
        standfirst=(
            "As parts of the city sink by several centimetres a year, residents of the waterfront "
            "say they are running out of patience with temporary fixes."
        ),
        section="world",
        authors=("hana-kobayashi",),
        place="Jakarta",
        tags=("climate", "cities", "water"),
        paragraphs=(
            "In the fishing neighbourhoods of north Jakarta, the tide now reaches inside some "
            "houses before it reaches the harbour steps. Families have raised their floors two or "
            "three times in a decade, leaving doorways so low that adults must stoop to enter.",
            "The provincial government this week opened a new pumping station at the mouth of one "
            "of the canals that drain the district, the fourth completed under a coastal "
            "protection programme. Officials say it can push 20 cubic metres of water a second "
            "out to sea during high tides and heavy rain.",
            "The deeper problem lies beneath the streets. Decades of groundwater extraction by "
            "households and factories have caused land in some coastal areas to subside faster "
            "than the sea is rising, hydrologists say, and the city has been trying to move users "
            "on to piped supply.",
            "“A wall and pumps buy time, but only if we stop the ground from sinking,” said Rina "
            "Setiawati, a hydrologist at a university research centre in the city. She said new "
            "piped connections in the north had lagged behind targets, leaving many small "
            "businesses reliant on their own wells.",
            "At the harbour, fisherman Agus Priyanto was mending nets on a concrete embankment "
            "built five years ago that already looks low against the waterline. “Every government "
            "brings a plan,” he said. “The sea does not read plans.”",
        ),
        pull_quote=None,
        image_caption=(
            "Canals in north Jakarta carry rainwater and tidal surges towards new pumping stations."
        ),
        image_credit=ILLUSTRATION,
        days_ago=5,
        hour=11,
        minute=15,
    ),
    ArticleSpec(
        slug="dhaka-schools-shorten-day-in-heatwave",
        headline="Dhaka schools shorten the day as heatwave tests classrooms",
        standfirst=(
            "Primary schools will finish before noon for at least a week, as doctors report a rise "
            "in children treated for dehydration."
        ),
        section="world",
        authors=("amara-nwosu",),
        place="Dhaka",
        tags=("weather", "health", "education"),
        paragraphs=(
            "Primary schools in Dhaka will close their gates by 11.30am for at least the next "
            "week, education officials said, as daytime temperatures in the capital stayed above "
            "40C for a fifth consecutive day. Secondary schools will keep their normal hours but "
            "cancel outdoor assemblies and sports.",
            "Paediatric wards at two of the city's largest public hospitals reported a sharp "
            "increase in children admitted with dehydration and heat exhaustion, according to "
            "doctors who spoke to the Gazette. Many of the children had walked to school or "
            "waited for buses in direct sun, one doctor said.",
            "Teachers said the problem did not end at the school gate. Classrooms in older "
            "buildings are often crowded, with tin roofs and a single ceiling fan, and power cuts "
            "during the afternoon peak leave rooms with no ventilation at all.",
            "“We have started lessons at seven so the children can learn while it is still cool,” "
            "said Nasreen Akter, head teacher at a government primary school in the Mirpur area. "
            "“But half my pupils come from families who work early shifts, so some arrive having "
            "eaten nothing.”",
            "Forecasters expect some relief from thunderstorms later in the week. Public health "
            "specialists have urged the city to open cooling centres in markets and mosques, and "
            "to make free drinking water available at bus stops.",
        ),
        pull_quote=None,
        image_caption="Afternoon heat settles over Dhaka's dense neighbourhoods.",
        image_credit=ILLUSTRATION,
        days_ago=12,
        hour=8,
        minute=5,
    ),
    ArticleSpec(
        slug="tehran-asks-residents-to-cut-water-use",
        headline="Tehran asks residents to cut water use as reservoirs fall before summer",
        standfirst=(
            "The capital's water authorities say they may lower night-time pressure in some "
            "districts if consumption does not drop in the coming weeks."
        ),
        section="world",
        authors=("farid-rahimi",),
        place="Tehran",
        tags=("water", "cities", "climate"),
        paragraphs=(
            "Tehran's water authorities on Wednesday asked residents to reduce household "
            "consumption by at least a tenth, warning that the dams supplying the capital were "
            "holding far less water than at the same point last year after a dry winter. The "
            "appeal came as daytime temperatures in the city climbed well above the seasonal "
            "average.",
            "In a statement read on provincial television, officials said they were prepared to "
            "lower water pressure overnight in districts where use remained high. Residents of "
            "upper floors in apartment buildings without storage tanks are usually the first to "
            "notice such reductions, which can leave taps dry until morning.",
            "The city of more than nine million people draws on a chain of reservoirs in the "
            "Alborz mountains as well as on groundwater, which has been pumped faster than it is "
            "replenished for decades. Hydrologists have linked the falling water table to "
            "subsidence in the south and west of the capital.",
            "“Every summer we are told it is an emergency, and every winter the emergency is "
            "forgotten,” said Shirin Mohammadi, an architect who lives with her parents in a "
            "fifth-floor flat in the west of the city. Her family installed a small rooftop tank "
            "after losing water several nights running last August.",
            "Officials said they would publish weekly consumption figures for each district and "
            "offered free water-saving fittings for taps and showers through local offices. "
            "Engineers say the bigger savings lie in leaking mains, the irrigation of parks and "
            "green spaces, and farms on the city's edges.",
            "Abbas Karimi, a retired engineer who once worked on the city's distribution network, "
            "said the appeal was sensible but late. “Saving ten per cent at home helps,” he said. "
            "“But a capital this size needs a plan for the next twenty years, not the next twenty "
            "days.”",
        ),
        pull_quote=(
            "A capital this size needs a plan for the next twenty years, not the next twenty days.",
            "Abbas Karimi, retired water engineer",
        ),
        image_caption="Reservoirs in the Alborz mountains supply much of Tehran's water.",
        image_credit=ILLUSTRATION,
        published_at=datetime(2022, 5, 18, 21, 18, tzinfo=ZoneInfo("Asia/Tehran")),
        comment_mode="closed",
    ),
    ArticleSpec(
        slug="lagos-cholera-vaccination-drive",
        headline="Lagos launches door-to-door cholera vaccination in flood-hit districts",
        standfirst=(
            "Health workers aim to reach 400,000 people in ten days after a cluster of cases "
            "linked to contaminated wells."
        ),
        section="world",
        authors=("amara-nwosu",),
        place="Lagos",
        tags=("health", "cities", "water"),
        paragraphs=(
            "Teams of health workers began going door to door in parts of Lagos this week with "
            "oral cholera vaccine, after state officials confirmed a cluster of cases in "
            "low-lying neighbourhoods that flooded during last month's storms. It is the largest "
            "vaccination drive the state has run against the disease in years.",
            "The campaign aims to reach about 400,000 residents in ten days, concentrating on "
            "areas where households rely on shallow wells and where floodwater mixed with sewage. "
            "Officials said 63 cases had been confirmed in the past three weeks and that most "
            "patients had recovered after treatment.",
            "“The vaccine is one tool, but it does not replace clean water,” said Dr Funmilayo "
            "Adeyemi, who is coordinating the campaign for the state health ministry. “We are "
            "asking people to boil or chlorinate drinking water and to come to a clinic at the "
            "first sign of diarrhoea.”",
            "Volunteers carrying cool boxes moved through narrow lanes in the morning, marking "
            "doors with chalk once a household had been reached. Some residents were wary at "
            "first, one volunteer said, but queues formed quickly once local imams and pastors "
            "spoke in favour of the campaign.",
            "Public health researchers have long warned that the city's rapid growth has outpaced "
            "drainage and sanitation. The state government says it will use the outbreak to map "
            "which wells are contaminated and to prioritise new public taps in the worst-affected "
            "areas.",
        ),
        pull_quote=(
            "The vaccine is one tool, but it does not replace clean water.",
            "Dr Funmilayo Adeyemi, state health ministry",
        ),
        image_caption=(
            "Low-lying neighbourhoods of Lagos are the focus of the vaccination campaign."
        ),
        image_credit=ILLUSTRATION,
        days_ago=1,
        hour=16,
        minute=30,
    ),
    ArticleSpec(
        slug="valparaiso-rebuilding-after-the-fires",
        headline="On Valparaíso's hills, rebuilding after the fires means rethinking streets",
        standfirst=(
            "Residents and planners are arguing over firebreaks, water tanks and which homes "
            "should be rebuilt where they stood."
        ),
        section="world",
        authors=("mariana-teixeira",),
        place="Valparaíso",
        tags=("climate", "housing", "weather"),
        paragraphs=(
            "The wooden staircases that once zigzagged up the hills above Valparaíso's port are "
            "being rebuilt in concrete. On the upper slopes, where fire swept through dense "
            "neighbourhoods of self-built houses, new access roads are being cut wide enough for "
            "fire engines to turn.",
            "The regional government has proposed a firebreak of cleared land between the last "
            "row of houses and the eucalyptus and pine plantations that surround the city. The "
            "plan would require dozens of families to rebuild a few hundred metres from where "
            "their homes stood.",
            "“My grandfather built this house with his own hands, and I am not moving to an "
            "estate at the bottom of the valley,” said Patricia Núñez, standing on the slab where "
            "her kitchen used to be. Others on her street said they would accept relocation if "
            "the new homes were close to schools and bus routes.",
            "Planners say hotter, drier summers and stronger winds have changed the calculation. "
            "Tomás Aravena, an urbanist advising the municipality, said every new neighbourhood "
            "plan would include water tanks on high ground and a second escape route for each "
            "street.",
            "“We are designing for the fire we will have in ten years, not the one we had last "
            "time,” he said. Public consultations on the firebreak continue until the end of next "
            "month, and the municipality says final maps will be published before construction "
            "resumes.",
        ),
        pull_quote=(
            "We are designing for the fire we will have in ten years, not the one we had last "
            "time.",
            "Tomás Aravena, urbanist advising the municipality",
        ),
        image_caption="Valparaíso's hillside neighbourhoods climb steeply above the port.",
        image_credit=ILLUSTRATION,
        days_ago=30,
        hour=10,
        minute=20,
    ),
    ArticleSpec(
        slug="ulaanbaatar-cleaner-stoves-children-breathe-easier",
        headline="Ulaanbaatar counts the gains from replacing coal stoves in ger districts",
        standfirst=(
            "A study of children's clinic visits suggests the city's switch to cleaner heating is "
            "working, but coverage remains patchy."
        ),
        section="world",
        authors=("hana-kobayashi",),
        place="Ulaanbaatar",
        tags=("health", "energy", "climate"),
        paragraphs=(
            "For years, winter in Ulaanbaatar meant a brown haze settling over the valley each "
            "evening as households in the city's ger districts lit coal stoves against "
            "temperatures that can fall below minus 30C. On the worst nights, the city's air "
            "ranked among the most polluted of any capital in the world.",
            "A study published this month by researchers at a national health institute suggests "
            "that efforts to replace raw coal with processed briquettes and electric heaters are "
            "having an effect. Clinic visits for respiratory infections among children under five "
            "fell by almost a fifth in districts where the programme was most advanced, the "
            "researchers found.",
            "“The difference is that parents now tell us the child coughed for a week, not for "
            "the whole winter,” said Dr Oyunchimeg Batbayar, a paediatrician at a district "
            "hospital. She said the gains were smaller in outlying areas where families still "
            "burn whatever fuel they can afford.",
            "Electric heating has its own limits. Many households struggle with higher bills, and "
            "the grid, which depends largely on coal-fired power stations, strains at peak "
            "demand. City officials are testing insulated ger covers that reduce the heat a "
            "family needs in the first place.",
            "Bat-Erdene Ganbold, who lives with his wife and three children on a hillside plot in "
            "the north of the city, switched to an electric heater two years ago. “It is warmer "
            "and the air inside is cleaner,” he said. “But in January, the bill is the first "
            "thing we talk about every morning.”",
        ),
        pull_quote=None,
        image_caption="Felt-covered gers on the hillsides around Ulaanbaatar.",
        image_credit=ILLUSTRATION,
        days_ago=70,
        hour=9,
        minute=45,
    ),
    ArticleSpec(
        slug="istanbul-building-checks-as-quake-drills-resume",
        headline="Istanbul neighbourhoods queue for building checks as quake drills resume",
        standfirst=(
            "Free structural assessments are booked for months ahead, and engineers say many "
            "owners are afraid of what they will learn."
        ),
        section="world",
        authors=("farid-rahimi", "hana-kobayashi"),
        place="Istanbul",
        tags=("cities", "housing", "science"),
        paragraphs=(
            "In the district of Avcılar, on Istanbul's European side, the municipal engineering "
            "office has a waiting list that stretches into next year. Residents can request a "
            "free structural assessment of their apartment block, and thousands have done so "
            "since the city began a new round of earthquake drills.",
            "Scientists have long warned that a major earthquake on the fault beneath the Sea of "
            "Marmara is likely within decades. Much of the city's housing was built quickly in "
            "the 1980s and 1990s, before stricter building codes came into force.",
            "“People want to know, but they are also frightened of knowing,” said Elif Karaca, a "
            "civil engineer who leads one of the assessment teams. “If a building fails, the "
            "residents face years of disruption and debts for the rebuilding. Some owners cancel "
            "the appointment the day before.”",
            "At a primary school nearby, children practised crouching under their desks and "
            "filing out to the playground while teachers timed them. Neighbourhood volunteers, "
            "trained by the city's disaster agency, checked emergency kits stored in a converted "
            "shipping container at the edge of a park.",
            "The municipality offers low-interest loans for demolition and reconstruction, but "
            "residents say the sums rarely cover the cost. Karaca said the assessments were only "
            "a beginning. “Every building we test tells us something about the city,” she said. "
            "“The map we are making is the most honest picture of Istanbul we have ever had.”",
        ),
        pull_quote=(
            "People want to know, but they are also frightened of knowing.",
            "Elif Karaca, civil engineer",
        ),
        image_caption=(
            "Apartment blocks in Istanbul's western districts, where soft ground amplifies shaking."
        ),
        image_credit=ILLUSTRATION,
        days_ago=22,
        hour=13,
        minute=10,
    ),
    ArticleSpec(
        slug="cape-town-divers-map-spreading-kelp-forests",
        headline="Cape Town divers map kelp forests that are quietly spreading",
        standfirst=(
            "Volunteer divers and satellite images suggest the city's cold-water kelp is expanding "
            "along parts of the coast, even as warmer seas threaten forests elsewhere."
        ),
        section="world",
        authors=("amara-nwosu",),
        place="Cape Town",
        tags=("science", "climate"),
        paragraphs=(
            "Every other weekend, a group of volunteer divers slips into the cold Atlantic off "
            "Cape Town's western coastline with waterproof slates and underwater cameras. They "
            "are counting kelp: how tall it grows, how dense the canopy is, and which fish and "
            "urchins shelter beneath it.",
            "Their records, combined with satellite images analysed by marine scientists at a "
            "local university, suggest that kelp forests along parts of the Cape coast have "
            "expanded over the past two decades. Researchers think stronger upwelling of cold "
            "water from the deep may be helping, in contrast with losses reported in warmer seas "
            "elsewhere.",
            "“Kelp is a bit like a forest canopy on land,” said Thandiwe Mokoena, a marine "
            "ecologist who coordinates the volunteers. “When it grows, it changes everything "
            "underneath. It shelters young fish, calms the waves and stores carbon while it is "
            "alive.”",
            "The divers' data feed a public map that fishers, surfers and schools can consult. "
            "Mokoena said the group had trained more than 200 volunteers, including several "
            "people who learned to dive specifically to join the survey.",
            "The scientists are careful not to overstate the good news. Marine heatwaves, "
            "pollution from stormwater drains and a growing commercial harvest could all reverse "
            "the trend, they say, which is why consistent monitoring matters.",
        ),
        pull_quote=None,
        image_caption="Kelp forests off the Cape Peninsula grow in cold, nutrient-rich water.",
        image_credit=ILLUSTRATION,
        days_ago=44,
        hour=15,
        minute=0,
    ),
    ArticleSpec(
        slug="zayandeh-rud-dobareh-jari-shod",
        headline="زاینده‌رود دوباره در اصفهان جاری شد",
        standfirst=(
            "با بازگشایی دریچه‌های سد برای آبیاری زمین‌های کشاورزی، آب پس از ماه‌ها به بستر خشک "
            "رودخانه برگشت و مردم شهر کنار پل‌های تاریخی جمع شدند."
        ),
        section="world",
        authors=("farid-rahimi",),
        place="اصفهان",
        tags=("آب", "شهر", "ایران"),
        paragraphs=(
            "صبح امروز آب پس از چند ماه دوباره به بستر زاینده‌رود در اصفهان رسید. از همان "
            "ساعت‌های اول، صدها نفر از ساکنان شهر کنار سی‌وسه‌پل و پل خواجو جمع شدند تا جریان آب "
            "را از نزدیک ببینند. بسیاری از خانواده‌ها با فلاسک چای و زیرانداز آمده بودند و کودکان "
            "پاهایشان را در آب خنک فرو می‌بردند.",
            "به گفتهٔ مسئولان محلی، رهاسازی آب برای آبیاری زمین‌های کشاورزی شرق اصفهان انجام شده "
            "و قرار است حدود دو هفته ادامه داشته باشد. نسرین کاظمی، کارشناس منابع آب استان، گفت "
            "حجم ذخیرهٔ سد هنوز کمتر از میانگین سال‌های گذشته است و جریان دائمی رودخانه در شرایط "
            "فعلی ممکن نیست.",
            "کشاورزان شرق استان سال‌هاست نگران سهم خود از آب رودخانه‌اند. یکی از آنها که نخواست "
            "نامش منتشر شود، گفت: «این آب برای چند هفته کافی است، اما زمین‌های ما به برنامه‌ای "
            "برای تمام سال نیاز دارند.»",
            "کارشناسان محیط زیست می‌گویند خشکی طولانی بستر رودخانه به فرونشست زمین در بخش‌هایی از "
            "شهر دامن زده است. به گفتهٔ آنها، جاری شدن آب حتی برای مدتی کوتاه به تغذیهٔ آب‌های "
            "زیرزمینی کمک می‌کند، اما راه‌حل اصلی مدیریت مصرف در کشاورزی و صنعت است.",
            "برای بسیاری از اصفهانی‌ها، دیدن آب زیر پل‌ها چیزی بیش از یک خبر است. مریم سلطانی، "
            "معلم بازنشسته‌ای که هر روز عصر کنار رودخانه قدم می‌زند، گفت: «ما با این رودخانه بزرگ "
            "شده‌ایم. وقتی آب می‌آید، انگار شهر دوباره نفس می‌کشد.»",
        ),
        pull_quote=("وقتی آب می‌آید، انگار شهر دوباره نفس می‌کشد.", "مریم سلطانی، معلم بازنشسته"),
        image_caption="زاینده‌رود پس از ماه‌ها خشکی دوباره از زیر پل‌های تاریخی اصفهان می‌گذرد.",
        image_credit=ILLUSTRATION_FA,
        language="fa",
        days_ago=9,
        hour=18,
        minute=30,
    ),
    # Politics
    ArticleSpec(
        slug="lisbon-council-caps-short-term-rentals",
        headline="Lisbon council votes to cap short-term rentals in historic quarters",
        standfirst=(
            "The measure freezes new holiday-let licences in five central parishes, a victory for "
            "residents' groups and a blow to small landlords."
        ),
        section="politics",
        authors=("mariana-teixeira",),
        place="Lisbon",
        tags=("housing", "local government", "tourism"),
        paragraphs=(
            "Lisbon's municipal assembly voted late last night to freeze new licences for "
            "short-term holiday rentals in five of the city's historic parishes, after a debate "
            "that ran past midnight and was twice interrupted by protesters in the public "
            "gallery. The motion passed by a margin of four votes.",
            "Under the measure, no new licences will be granted in parishes where holiday rentals "
            "exceed a fifth of all homes, and existing licences will lapse when a property is "
            "sold. Council figures suggest that on some streets of Alfama and Mouraria, more than "
            "half of the flats are now let to visitors.",
            "“Our neighbourhoods were becoming stage sets, beautiful in the morning and empty at "
            "night,” said Inês Carvalho, the councillor who sponsored the motion. “This is about "
            "keeping teachers, nurses and bus drivers living in the city they serve.”",
            "Associations representing small landlords said the vote would punish families who "
            "had put their savings into a flat to rent to tourists. José Almeida, who lets two "
            "apartments in Graça, said he would now consider selling. “I renovated a ruin that "
            "nobody wanted to live in,” he said. “Now I am the villain.”",
            "Economists are divided on how much the cap will lower rents. Some expect owners to "
            "return flats to the long-term market, while others warn that properties may simply "
            "be left empty or sold as second homes. The council says it will publish a review "
            "after twelve months.",
        ),
        pull_quote=(
            "Our neighbourhoods were becoming stage sets, beautiful in the morning and empty at "
            "night.",
            "Inês Carvalho, Lisbon councillor",
        ),
        image_caption=(
            "Apartment buildings in Lisbon's historic centre, where many flats are let to visitors."
        ),
        image_credit=ILLUSTRATION,
        days_ago=2,
        hour=12,
        minute=45,
    ),
    ArticleSpec(
        slug="seoul-district-by-election-low-turnout",
        headline="Low turnout clouds result of Seoul district by-election",
        standfirst=(
            "Barely a third of voters cast a ballot in the race for district head, which was "
            "decided by fewer than 2,000 votes."
        ),
        section="politics",
        authors=("hana-kobayashi",),
        place="Seoul",
        tags=("elections", "local government"),
        paragraphs=(
            "The winner of a by-election for the head of one of Seoul's southern districts was "
            "declared shortly before midnight, after a count that swung back and forth through "
            "the evening. Turnout was 34 per cent, the lowest for a district contest in the "
            "capital in more than a decade, election officials said.",
            "Han Seo-yeon, a former housing official who ran as an independent, won by 1,742 "
            "votes after campaigning on speeding up the redevelopment of ageing apartment "
            "complexes and adding late-night bus routes. Her main rival conceded soon after the "
            "result was announced.",
            "Analysts said the low turnout reflected fatigue after a long national election "
            "cycle, as well as the decision to hold the vote on a working day. Polling stations "
            "near subway exits reported short queues early in the morning and again after offices "
            "closed, but almost nobody in between.",
            "“If only one in three people vote, the winner has to work twice as hard to speak for "
            "everyone,” said Lee Min-jun, a political scientist who studies local government. He "
            "suggested the city extend early voting or move by-elections to weekends.",
            "Han said her first priority would be a review of stalled building projects. “I heard "
            "the same thing at every door,” she told supporters. “People are tired of waiting for "
            "the future to start.”",
        ),
        pull_quote=None,
        image_caption="Polling stations near subway exits saw short queues in the morning.",
        image_credit=ILLUSTRATION,
        days_ago=16,
        hour=21,
        minute=5,
    ),
    ArticleSpec(
        slug="accra-residents-vote-on-district-budget",
        headline="Accra residents get a vote on how their district spends its budget",
        standfirst=(
            "A pilot scheme lets neighbourhood meetings choose projects worth a tenth of capital "
            "spending. Drains and street lights came out on top."
        ),
        section="politics",
        authors=("amara-nwosu",),
        place="Accra",
        tags=("local government", "cities"),
        paragraphs=(
            "In a schoolyard in one of Accra's central districts, a few hundred residents sat on "
            "plastic chairs last weekend to do something usually left to officials: decide how to "
            "spend public money. By lunchtime, they had chosen three projects and argued, loudly "
            "and good-naturedly, about a fourth.",
            "Under a pilot scheme approved by the district assembly, a tenth of this year's "
            "capital budget is set aside for projects proposed and chosen by residents. Each "
            "neighbourhood drew up a shortlist at open meetings over the past two months, and the "
            "final vote was held by show of hands and paper ballot.",
            "Covered drains to stop flooding in the rainy season won the most votes, followed by "
            "solar street lights on three roads where residents said women felt unsafe after "
            "dark. A proposal for a new football pitch came a narrow third.",
            "“For years we complained about the gutters and nothing happened. Today we chose, and "
            "we will watch the money,” said Akosua Mensah, a market trader who helped collect "
            "signatures for the drainage proposal. “If it is not done before the next rains, they "
            "know where to find us.”",
            "Kwame Asante, the district's chief executive, said the assembly would publish "
            "contracts and progress reports for each project online and on noticeboards at the "
            "market. If the pilot succeeds, he said, the share of the budget decided by residents "
            "could double next year.",
        ),
        pull_quote=("Today we chose, and we will watch the money.", "Akosua Mensah, market trader"),
        image_caption=(
            "Residents of an Accra district voted on drainage, lighting and a football pitch."
        ),
        image_credit=ILLUSTRATION,
        days_ago=27,
        hour=10,
        minute=0,
    ),
    ArticleSpec(
        slug="bogota-council-backs-southern-cable-car",
        headline="Bogotá council backs funding for a new cable car to the southern hills",
        standfirst=(
            "The line would cut a commute of more than an hour to under twenty minutes for about "
            "100,000 residents, supporters say."
        ),
        section="politics",
        authors=("mariana-teixeira",),
        place="Bogotá",
        tags=("transport", "local government"),
        paragraphs=(
            "Bogotá's city council has approved borrowing for a new cable car line serving "
            "neighbourhoods in the hills on the city's southern edge, where steep, narrow streets "
            "make bus services slow and unreliable. The vote followed a debate that lasted most "
            "of the day.",
            "Supporters say the line, with four stations and gondolas leaving every few seconds "
            "at peak times, would cut journeys to the nearest rapid-transit bus station from more "
            "than an hour to under twenty minutes. The city's transport department estimates that "
            "about 100,000 people live within walking distance of the planned stations.",
            "Opponents on the council did not dispute the need but questioned the cost and the "
            "priority. “We are promising gondolas while the buses people already use break down "
            "every week,” said councillor Andrés Restrepo, who argued the money would go further "
            "on new buses and road repairs.",
            "Residents who attended the session wore T-shirts printed with the name of the "
            "proposed line. Luz Marina Cárdenas, who cleans offices in the north of the city, "
            "said she leaves home at 4.30am to reach work by seven. “I would like to see my "
            "children awake in the morning,” she said.",
            "If construction contracts are signed this year, the city says the line could open "
            "within three years. Cable cars already running in Bogotá and in Medellín have become "
            "a model for other Latin American cities with hillside settlements.",
        ),
        pull_quote=None,
        image_caption="Bogotá's southern hills, where many streets are too steep for buses.",
        image_credit=ILLUSTRATION,
        days_ago=35,
        hour=17,
        minute=20,
    ),
    ArticleSpec(
        slug="tbilisi-observers-report-on-municipal-vote",
        headline="Observers praise Tbilisi count but criticise pressure on public workers",
        standfirst=(
            "An independent observer mission says voting day was calm and orderly, while raising "
            "concerns about the weeks before it."
        ),
        section="politics",
        authors=("farid-rahimi", "hana-kobayashi"),
        place="Tbilisi",
        tags=("elections", "local government"),
        paragraphs=(
            "A mission of independent election observers said the count in Tbilisi's municipal "
            "elections had been orderly and transparent, but it criticised reports that public "
            "sector employees had been pressed to attend campaign events in the weeks before the "
            "vote. Its preliminary findings were presented to journalists the morning after polls "
            "closed.",
            "The observers, drawn from civil society groups in the region, sent more than 300 "
            "monitors to polling stations across the capital. In a preliminary statement, they "
            "said ballot boxes had been sealed correctly at almost all the stations they visited "
            "and that results were posted promptly.",
            "“Election day is only the last chapter of an election,” said Nino Beridze, who led "
            "the mission. “What happens in offices, schools and hospitals during the campaign "
            "matters just as much as what happens in the polling booth.”",
            "The mission said it had collected dozens of accounts from teachers and hospital "
            "staff who were asked to supply lists of relatives who would vote, or to attend "
            "rallies during working hours. The electoral commission said it would examine any "
            "formal complaints submitted within the legal deadline.",
            "Turnout in the capital was just under 45 per cent. The mission's final report, "
            "including recommendations on campaign finance and the use of public resources, is "
            "expected within two months.",
        ),
        pull_quote=(
            "Election day is only the last chapter of an election.",
            "Nino Beridze, head of the observer mission",
        ),
        image_caption="Independent monitors visited polling stations across Tbilisi.",
        image_credit=ILLUSTRATION,
        days_ago=50,
        hour=19,
        minute=40,
        comment_mode="closed",
    ),
    ArticleSpec(
        slug="glasgow-low-emission-zone-review",
        headline="Glasgow's low emission zone: cleaner air, and a row over who pays",
        standfirst=(
            "A council review finds nitrogen dioxide has fallen on the busiest city-centre "
            "streets, while small traders say the rules have cost them customers."
        ),
        section="politics",
        authors=("hana-kobayashi",),
        place="Glasgow",
        tags=("transport", "climate", "local government"),
        paragraphs=(
            "Nitrogen dioxide levels on several of Glasgow's busiest city-centre streets have "
            "fallen markedly since enforcement of the low emission zone began, according to a "
            "review presented to the city council's transport committee. The findings have "
            "reopened a debate that has divided residents and businesses since the zone was first "
            "proposed.",
            "The zone bars older petrol and diesel vehicles that do not meet emissions standards "
            "from entering the centre, with fines for drivers who ignore the rules. Buses serving "
            "the area have been upgraded or replaced, and the review credits cleaner buses for "
            "much of the improvement.",
            "“For people who live and work on these streets, this is a health measure first,” "
            "said councillor Fiona MacLeod, who chairs the committee. She said the council would "
            "keep exemptions for blue badge holders and extend grants that help sole traders "
            "replace older vans.",
            "Not everyone is convinced. Owners of several independent shops just inside the "
            "boundary told the committee that some older customers from outlying towns had "
            "stopped coming. “They are not going to buy a new car to visit a bakery,” said Graham "
            "Doherty, who runs a family bakery near the edge of the zone.",
            "The council plans to publish monthly air-quality figures online. Clean-air "
            "campaigners want the zone extended, while business groups are asking for more time "
            "and money to help drivers adapt.",
        ),
        pull_quote=None,
        image_caption=(
            "Buses serving Glasgow's city centre have been upgraded to meet the zone's standards."
        ),
        image_credit=ILLUSTRATION,
        days_ago=58,
        hour=11,
        minute=50,
        comment_mode="open",
    ),
    ArticleSpec(
        slug="montreal-auditor-questions-snow-clearing-costs",
        headline="Montreal auditor questions the cost of snow-clearing contracts",
        standfirst=(
            "A report finds that prices varied widely between boroughs for similar work, and "
            "recommends more competition when contracts are renewed."
        ),
        section="politics",
        authors=("mariana-teixeira",),
        place="Montreal",
        tags=("local government", "weather"),
        paragraphs=(
            "Montreal's municipal auditor has found large differences in what the city's boroughs "
            "pay private contractors to clear snow from streets and pavements, in a report tabled "
            "at city hall this week. The findings come as several large contracts are due to be "
            "renewed.",
            "In some boroughs, the cost per kilometre of street cleared was almost twice as high "
            "as in neighbouring areas with similar snowfall and street layouts. Several contracts "
            "had attracted only one bid, the report found, and penalty clauses for late or "
            "incomplete work were rarely enforced.",
            "Snow removal is among the largest items in the city's operating budget, and few "
            "services generate more complaints. After a major storm, plough crews and convoys of "
            "trucks work through the night to load snow and carry it to dumping sites on the edge "
            "of the city.",
            "“Residents accept that a big storm takes time to clean up,” said Sophie Tremblay, a "
            "borough councillor who sits on the finance committee. “What they do not accept is "
            "paying more than the borough next door for a worse result.”",
            "The report recommends splitting large contracts into smaller lots to attract more "
            "bidders and publishing response times for each borough. City officials said they "
            "accepted most of the recommendations and would apply them as contracts come up for "
            "renewal.",
        ),
        pull_quote=None,
        image_caption=(
            "Snow clearing is one of Montreal's largest and most closely watched expenses."
        ),
        image_credit=ILLUSTRATION,
        days_ago=80,
        hour=14,
        minute=25,
    ),
    ArticleSpec(
        slug="mexico-city-proposes-steeper-water-tariffs",
        headline="Mexico City proposes steeper water tariffs for the biggest users",
        standfirst=(
            "The plan would lower bills for most households while charging far more for the large "
            "homes and businesses that consume the most."
        ),
        section="politics",
        authors=("mariana-teixeira",),
        place="Mexico City",
        tags=("water", "local government", "cities"),
        paragraphs=(
            "Mexico City's government has proposed an overhaul of water tariffs that would "
            "sharply increase charges for the largest residential and commercial users, while "
            "freezing or reducing bills for most households. The plan is the most ambitious "
            "change to the city's water pricing in two decades.",
            "Under the proposal, the price per cubic metre would climb steeply above a basic "
            "monthly allowance. Officials say about a tenth of metered homes account for almost "
            "half of residential consumption, many of them large houses with gardens and pools in "
            "the west and south of the city.",
            "“Water is a right, but wasting it cannot be a privilege,” said Verónica Salinas "
            "Ruiz, director of the city's water agency. Revenue from the top tiers would pay for "
            "leak repairs and for new connections in eastern districts, where many homes still "
            "depend on tanker trucks on some days of the week.",
            "Business associations warned that restaurants, laundries and small factories could "
            "face bills several times higher. They asked for a longer transition and for credits "
            "for firms that install water-recycling equipment.",
            "The city has struggled for decades with a system that pumps water over mountains "
            "from distant reservoirs and draws heavily on an overused aquifer. Engineers estimate "
            "that about four in ten litres are lost to leaks before reaching a tap. The proposal "
            "goes to the city congress next month.",
        ),
        pull_quote=(
            "Water is a right, but wasting it cannot be a privilege.",
            "Verónica Salinas Ruiz, director of the city's water agency",
        ),
        image_caption=(
            "Much of Mexico City's water is pumped over the mountains from distant reservoirs."
        ),
        image_credit=ILLUSTRATION,
        days_ago=40,
        hour=9,
        minute=30,
    ),
    ArticleSpec(
        slug="manila-flood-maps-for-every-barangay",
        headline="Manila councillors back flood maps for every neighbourhood",
        standfirst=(
            "Street-level hazard maps, drawn up with residents, will guide evacuations and decide "
            "where the city builds new drainage."
        ),
        section="politics",
        authors=("hana-kobayashi",),
        place="Manila",
        tags=("local government", "weather", "climate"),
        paragraphs=(
            "Manila's city council has approved funding for detailed flood hazard maps covering "
            "each of the city's barangays, the smallest units of local government, after a "
            "typhoon season in which several districts were under water for days. The ordinance "
            "passed without opposition.",
            "The maps will show which streets flood first, how deep the water usually gets, and "
            "where evacuation centres and high ground are located. Unlike earlier regional maps, "
            "they will be drawn up with residents, who will mark the places they know flood even "
            "in ordinary heavy rain.",
            "“Every barangay captain already carries a map in their head,” said councillor Maria "
            "Lourdes Villanueva, who sponsored the ordinance. “We want to put that knowledge on "
            "paper, so it does not disappear when a captain retires.”",
            "Engineers from a university flood research centre will combine residents' "
            "observations with rainfall and tide records. The first maps, for twenty pilot "
            "barangays near the bay and along the Pasig River, are expected within six months.",
            "Residents in low-lying areas welcomed the plan but said maps would not stop the "
            "water. Rodel Santos, a tricycle driver in Tondo, said the drain outside his house "
            "had been blocked with rubbish for years. “A map will tell us what we already know,” "
            "he said. “We need someone to clean the canal.”",
        ),
        pull_quote=None,
        image_caption=(
            "Low-lying neighbourhoods near Manila Bay are the first to flood in heavy rain."
        ),
        image_credit=ILLUSTRATION,
        days_ago=64,
        hour=8,
        minute=55,
    ),
    ArticleSpec(
        slug="dakar-students-register-first-time-voters",
        headline="In Dakar, students go class to class to register first-time voters",
        standfirst=(
            "With the registration deadline weeks away, volunteers say young people are keen to "
            "vote but put off by the paperwork."
        ),
        section="politics",
        authors=("amara-nwosu",),
        place="Dakar",
        tags=("elections", "education", "youth"),
        paragraphs=(
            "On a university campus in Dakar, a folding table under a neem tree has become the "
            "busiest spot between lectures. Volunteers from a student association check identity "
            "cards, explain the registration forms and direct new voters to the nearest office "
            "where they can enrol.",
            "About half of Senegal's population is under twenty, and election officials have said "
            "they want to raise the share of young people on the electoral roll before the next "
            "local elections. Registration requires a national identity card and a visit in "
            "person, which volunteers say is the main obstacle.",
            "“Young people talk about politics all the time, on the bus, on their phones, after "
            "prayers,” said Aïssatou Diallo, a third-year law student who coordinates the "
            "volunteers. “But when you tell them they have to queue half a day for a form, they "
            "say next year.”",
            "The association has persuaded the electoral authority to send a mobile registration "
            "team to the campus for two days next week. Volunteers have also made short videos in "
            "Wolof and French explaining the process, which they share on social media.",
            "Moussa Ndiaye, a 19-year-old engineering student, registered on the spot after an "
            "afternoon class. “My father says voting is how you get the roads fixed,” he said. “I "
            "want to see if he is right.”",
        ),
        pull_quote=(
            "When you tell them they have to queue half a day for a form, they say next year.",
            "Aïssatou Diallo, student volunteer",
        ),
        image_caption="Student volunteers run a registration desk between lectures in Dakar.",
        image_credit=ILLUSTRATION,
        days_ago=3,
        hour=13,
        minute=35,
    ),
    # Business
    ArticleSpec(
        slug="rotterdam-port-volumes-rebound",
        headline="Rotterdam port volumes rebound as shipping lines add Asia calls",
        standfirst=(
            "Container traffic rose for a second quarter running, though port officials warn that "
            "rail and barge links inland are struggling to keep up."
        ),
        section="business",
        authors=("hana-kobayashi", "mariana-teixeira"),
        place="Rotterdam",
        tags=("trade", "transport", "markets"),
        paragraphs=(
            "Container volumes at the port of Rotterdam rose for a second consecutive quarter, "
            "port officials said, as shipping lines added calls on routes from Asia and retailers "
            "rebuilt their stocks ahead of the busy season. The figures suggest that Europe's "
            "largest port has put a sluggish period behind it.",
            "Throughput measured in standard containers was up about 6 per cent on the same "
            "quarter a year earlier. Bulk cargo, including coal and oil, continued its long "
            "decline, reflecting changes in Europe's energy mix.",
            "The recovery has exposed bottlenecks further inland. Barge operators on the Rhine "
            "reported waiting times of up to two days at some terminals, and rail freight paths "
            "to Germany remain limited by engineering works. “The quay is not the problem; the "
            "hinterland is,” said Maarten de Vries, a logistics consultant who advises several "
            "terminal operators.",
            "Port officials said automation at the newest terminals on reclaimed land had helped "
            "absorb the increase without overtime on the quays. Dockworkers' representatives said "
            "they were watching closely, after a dispute last year over staffing on automated "
            "cranes.",
            "Analysts cautioned against reading too much into a single quarter. Freight rates "
            "remain volatile, and any slowdown in European consumer spending would quickly reach "
            "the quays. Still, for a port that handles a large share of the continent's imports, "
            "the direction of travel is a welcome change.",
        ),
        pull_quote=None,
        image_caption="Container cranes line the terminals on Rotterdam's reclaimed land.",
        image_credit=ILLUSTRATION,
        days_ago=1,
        hour=10,
        minute=5,
    ),
    ArticleSpec(
        slug="sao-paulo-coffee-prices-squeeze-small-roasters",
        headline="Coffee prices squeeze São Paulo's small roasters",
        standfirst=(
            "Independent cafés are raising prices and changing blends as the cost of green beans "
            "climbs to levels few had seen before."
        ),
        section="business",
        authors=("mariana-teixeira",),
        place="São Paulo",
        tags=("markets", "agriculture", "food"),
        paragraphs=(
            "At a small roastery in São Paulo's Pinheiros district, the price board above the "
            "counter has been rewritten three times in a year. A bag of the house espresso now "
            "costs almost a third more than it did last year, and the owner says she is still "
            "losing money on every kilo.",
            "Prices for green coffee beans have risen sharply after irregular rainfall and heat "
            "damaged harvests in several producing regions, traders say. Brazil is the world's "
            "largest coffee producer, but local roasters buy at the same international prices as "
            "everyone else.",
            "“People think that because the coffee grows two hundred kilometres from here, it "
            "should be cheap,” said Camila Ferreira, who founded the roastery eight years ago. "
            "“But the farmer sells to whoever pays most, and right now that is not a small café "
            "in São Paulo.”",
            "Some roasters are blending in more robusta, a hardier and cheaper variety, or "
            "shrinking bag sizes. Others are signing direct contracts with small farms in the "
            "south of Minas Gerais, agreeing a price for next season's harvest in exchange for a "
            "guaranteed volume.",
            "Economists say coffee is a visible part of a broader rise in food costs that has "
            "weighed on household budgets. For Ferreira, the question is how far customers will "
            "follow. “A cafezinho is a ritual,” she said. “People will pay a little more for a "
            "ritual. But not endlessly.”",
        ),
        pull_quote=(
            "People will pay a little more for a ritual. But not endlessly.",
            "Camila Ferreira, coffee roaster",
        ),
        image_caption="Green coffee beans are roasted in small batches at independent cafés.",
        image_credit=ILLUSTRATION,
        days_ago=0,
        hour=8,
        minute=20,
    ),
    ArticleSpec(
        slug="mumbai-auto-rickshaw-drivers-weigh-battery-swaps",
        headline="Mumbai's auto-rickshaw drivers weigh the switch to battery swaps",
        standfirst=(
            "Swapping stations promise a charged battery in two minutes, but drivers worry about "
            "subscription costs and who owns the battery."
        ),
        section="business",
        authors=("amara-nwosu",),
        place="Mumbai",
        tags=("transport", "energy", "technology"),
        paragraphs=(
            "At a fuel station in Andheri, a row of metal lockers glows green. An auto-rickshaw "
            "driver pulls up, opens a door with an app, slides out a depleted battery and takes a "
            "charged one. The exchange takes less than two minutes, about as long as buying a cup "
            "of tea at the stall next door.",
            "Battery-swapping networks are spreading across Mumbai's suburbs as state incentives "
            "for electric three-wheelers draw in new drivers. Operators say swapping avoids the "
            "long charging times that put drivers off earlier electric models, and lowers the "
            "purchase price because the driver does not buy the battery.",
            "Drivers say running costs are lower than for autos running on compressed natural "
            "gas, but only if they drive enough to justify a monthly subscription. “On a slow day "
            "I still pay for the battery,” said Sunil Pawar, who has driven an auto for sixteen "
            "years. “The company earns even when I do not.”",
            "Transport researchers say the city's hundreds of thousands of autos are a large "
            "potential market. Priya Nair, who studies urban mobility at a Mumbai research "
            "institute, said drivers would switch faster if common standards allowed batteries "
            "from different companies to fit the same vehicles.",
            "Operators say they are adding several stations a week and plan pay-per-swap plans "
            "for part-time drivers. For now, most of the city's autos still run on gas, and "
            "drivers in the queues outside fuel stations compare notes on which option will pay "
            "off.",
        ),
        pull_quote=None,
        image_caption=(
            "Battery lockers let drivers swap a depleted pack for a charged one in minutes."
        ),
        image_credit=ILLUSTRATION,
        days_ago=14,
        hour=12,
        minute=0,
    ),
    ArticleSpec(
        slug="hamburg-harbour-ferries-go-electric",
        headline="Hamburg's harbour ferries go electric, one crossing at a time",
        standfirst=(
            "Commuter ferries on the Elbe are being replaced with battery-electric boats that "
            "charge at the pier while passengers board."
        ),
        section="business",
        authors=("hana-kobayashi",),
        place="Hamburg",
        tags=("energy", "transport"),
        paragraphs=(
            "The ferries that carry commuters and tourists across Hamburg's harbour have run on "
            "diesel for generations. This year, the first of a new generation of battery-electric "
            "boats entered service, charging for a few minutes at each pier through an automated "
            "connector while passengers step on and off.",
            "The city's public ferry operator plans to convert most of its fleet within the next "
            "decade. Engineers say the short, frequent crossings on the Elbe suit batteries well, "
            "because they can be topped up many times a day rather than run down over long "
            "journeys.",
            "“On a ferry, you notice the silence first, and then the smell, or the lack of it,” "
            "said Katrin Vogel, who has captained harbour ferries for 22 years. “Passengers sit "
            "on the open deck now. Before, they went inside to get away from the fumes.”",
            "The electric boats cost considerably more to build than diesel vessels, and the "
            "charging points at the piers required upgrades to the local grid. The operator says "
            "lower fuel and maintenance costs will recover much of the difference over the life "
            "of each boat.",
            "Hamburg is also testing hydrogen-powered work boats in the port, though officials "
            "say batteries remain the cheaper option for passenger routes. Shipping companies are "
            "watching the ferries as a small-scale trial of technology that may one day power "
            "harbour tugs.",
        ),
        pull_quote=(
            "On a ferry, you notice the silence first, and then the smell, or the lack of it.",
            "Katrin Vogel, ferry captain",
        ),
        image_caption="Harbour ferries cross the Elbe between the city piers and the docks.",
        image_credit=ILLUSTRATION,
        days_ago=25,
        hour=15,
        minute=40,
    ),
    ArticleSpec(
        slug="buenos-aires-shoppers-turn-to-wholesale-markets",
        headline="Buenos Aires shoppers turn to wholesale markets to stretch their pesos",
        standfirst=(
            "Neighbours are pooling orders and buying in bulk as food prices keep rising faster "
            "than many wages."
        ),
        section="business",
        authors=("mariana-teixeira",),
        place="Buenos Aires",
        tags=("markets", "food"),
        paragraphs=(
            "Before dawn at a wholesale market on the outskirts of Buenos Aires, the crowds are "
            "no longer made up only of greengrocers and restaurant buyers. Neighbours arrive "
            "together in shared cars, with lists compiled in group chats, to buy vegetables, "
            "flour and cooking oil by the crate.",
            "Shoppers say buying in bulk and splitting the goods saves between a fifth and a "
            "third on supermarket prices. Some neighbourhood groups have formalised the "
            "arrangement, collecting money in advance and appointing a buyer for the week.",
            "“We used to argue in the chat about football. Now we argue about the price of "
            "potatoes,” said Carolina Benítez, a schoolteacher who organises orders for 30 "
            "households in her building in Flores.",
            "Economists say the habit reflects years of high inflation, in which families learned "
            "to spend quickly and hunt for discounts. Even where monthly price rises have slowed, "
            "wages in many sectors have not caught up, leaving household budgets tight.",
            "Traders have adapted too. Several stalls now sell half-crates and accept bank "
            "transfers by phone, and one has started delivering group orders. “The customer "
            "changed, so we changed,” said Ramón Iglesias, who has sold onions and garlic at the "
            "market for 25 years.",
        ),
        pull_quote=None,
        image_caption="Crates of vegetables at a wholesale market on the edge of Buenos Aires.",
        image_credit=ILLUSTRATION,
        days_ago=7,
        hour=19,
        minute=10,
    ),
    ArticleSpec(
        slug="kazakh-grain-exporters-new-rail-routes",
        headline="Kazakh grain exporters look south and east for new rail routes",
        standfirst=(
            "Traders in Almaty say new corridors to Central Asia and China are reshaping a "
            "business that long depended on a few northern routes."
        ),
        section="business",
        authors=("farid-rahimi", "mariana-teixeira"),
        place="Almaty",
        tags=("agriculture", "trade"),
        paragraphs=(
            "In a glass office tower in Almaty, grain traders follow freight wagons across a wall "
            "of screens. A growing share of those wagons are heading south towards Uzbekistan and "
            "Afghanistan, or east through border crossings into China, rather than north and west "
            "as they once mostly did.",
            "Kazakhstan is one of the world's major exporters of wheat and flour, but its "
            "distance from the sea makes transport the single biggest cost for farmers. Traders "
            "say new rail corridors and better border terminals have shortened delivery times to "
            "some buyers by several days.",
            "“Ten years ago, we sold to the same few buyers every season. Now the map is bigger, "
            "and that is good for farmers,” said Aigerim Suleimenova, commercial director at a "
            "grain trading company. “But a bigger map also means more borders, and every border "
            "is a chance for delay.”",
            "Farmers on the northern steppe, where most of the country's wheat is grown, say "
            "access to new markets has helped prices at harvest. Some are moving part of their "
            "land into oilseeds and pulses, which are in demand in China and South Asia.",
            "Transport officials plan further investment in grain terminals and wagon fleets. "
            "Traders say a shortage of hopper wagons at harvest time remains the main bottleneck, "
            "and some companies have begun leasing wagons from neighbouring countries.",
        ),
        pull_quote=None,
        image_caption=(
            "Rail wagons carry grain from the northern steppe towards new export markets."
        ),
        image_credit=ILLUSTRATION,
        days_ago=48,
        hour=11,
        minute=5,
    ),
    ArticleSpec(
        slug="osaka-small-factories-search-for-successors",
        headline="Osaka's small factories search for someone to take over",
        standfirst=(
            "Family-run workshops with healthy order books face closure because their owners "
            "cannot find a successor."
        ),
        section="business",
        authors=("hana-kobayashi",),
        place="Osaka",
        tags=("jobs", "technology"),
        paragraphs=(
            "In a narrow workshop in eastern Osaka, 74-year-old Kazuo Nishimura checks the "
            "threads on a batch of precision screws against a gauge he has used since the 1970s. "
            "The order book is full for six months, the machinery is paid off, and customers "
            "include makers of medical devices and railway equipment.",
            "What Nishimura does not have is a successor. His children work in offices in Tokyo, "
            "and his two employees are in their sixties. “The business is healthy,” he said. “It "
            "is only the owner who is old.”",
            "Surveys by business groups suggest that a large share of Japan's small manufacturers "
            "are run by owners over 70, many with no named successor. Osaka's dense clusters of "
            "workshops, which supply parts to larger manufacturers, are particularly exposed.",
            "Local chambers of commerce have set up matching services that introduce retiring "
            "owners to younger entrepreneurs or to firms looking to expand. Some workshops are "
            "being bought by former employees of large companies, who bring digital skills and "
            "new customers.",
            "Yui Takahashi, 38, left a job as an engineer at an electronics company last year to "
            "take over a metal-stamping workshop through one such service. She has added an "
            "online ordering system and a laser cutter. “The old owner still comes in twice a "
            "week,” she said. “He teaches me the things that are not written down anywhere.”",
        ),
        pull_quote=None,
        image_caption=(
            "Precision parts made in Osaka's workshops supply manufacturers across Japan."
        ),
        image_credit=ILLUSTRATION,
        days_ago=55,
        hour=10,
        minute=40,
    ),
    ArticleSpec(
        slug="johannesburg-small-businesses-go-solar",
        headline="Johannesburg's small businesses go solar to keep the lights on",
        standfirst=(
            "Hair salons, bakeries and print shops are financing rooftop panels and batteries, and "
            "some are selling power to their neighbours."
        ),
        section="business",
        authors=("amara-nwosu",),
        place="Johannesburg",
        tags=("energy", "technology", "markets"),
        paragraphs=(
            "The hair salon on a busy corner in Soweto used to close early whenever the power "
            "went off. Now a bank of batteries in a back room keeps the dryers and clippers "
            "running, charged by panels that cover the roof of the small shop.",
            "Small businesses across Johannesburg have installed rooftop solar systems at a rapid "
            "pace in recent years, driven by scheduled power cuts and rising electricity tariffs. "
            "Installers say the market has shifted from wealthy homeowners to shops, clinics and "
            "light industry.",
            "“I worked out that the power cuts were costing me a quarter of my income,” said "
            "Lerato Dlamini, who owns the salon. She financed her system through a pay-as-you-go "
            "scheme, with a monthly fee she says is less than she used to spend on diesel for a "
            "generator.",
            "Some owners have begun selling surplus power to neighbouring stalls through informal "
            "arrangements, and the city has been drafting rules for small-scale feed-in to its "
            "grid. Sipho Khumalo, an energy economist, said clear tariffs would encourage larger "
            "systems. “Every rooftop could be a small power station,” he said. “The regulations "
            "need to catch up with the roofs.”",
            "Installers warn of poor-quality equipment and unqualified fitters, and several fires "
            "have been linked to badly installed batteries. Industry associations are pushing for "
            "a register of accredited installers and for inspections of larger commercial "
            "systems.",
        ),
        pull_quote=(
            "Every rooftop could be a small power station. The regulations need to catch up with "
            "the roofs.",
            "Sipho Khumalo, energy economist",
        ),
        image_caption=(
            "Rooftop solar panels have spread quickly across Johannesburg's commercial streets."
        ),
        image_credit=ILLUSTRATION,
        days_ago=19,
        hour=16,
        minute=15,
    ),
    ArticleSpec(
        slug="karachi-textile-mills-hire-again",
        headline="Karachi textile mills hire again as European orders return",
        standfirst=(
            "Export orders for home textiles have picked up, but mill owners say energy costs and "
            "a shortage of skilled workers limit how fast they can grow."
        ),
        section="business",
        authors=("farid-rahimi",),
        place="Karachi",
        tags=("trade", "jobs"),
        paragraphs=(
            "The looms at a home-textile mill in Karachi's Korangi industrial area are running "
            "three shifts again for the first time in more than a year. The mill makes towels and "
            "bed linen for European retailers, and its owners say new orders have arrived faster "
            "than expected.",
            "Textiles make up the majority of Pakistan's exports, and Karachi's mills employ "
            "hundreds of thousands of people, many of them women in stitching and packing units. "
            "Exporters say European buyers are spreading orders across more countries to reduce "
            "their dependence on any single supplier.",
            "“The orders are there. The question is whether we can deliver on time at a "
            "competitive price,” said Imran Siddiqui, the mill's managing director. He said power "
            "and gas for industry cost more than in competing countries in the region, and supply "
            "interruptions force mills to run their own generators.",
            "Managers also report a shortage of experienced machine operators and quality "
            "inspectors, after many workers left for other jobs during the downturn. Several "
            "mills have started in-house training and are recruiting from vocational institutes.",
            "Sadia Baloch, 24, joined the mill's quality control team two months ago after a "
            "training course. She inspects finished towels for flaws under bright lights before "
            "they are folded and boxed. “My mother sewed in a mill, and now I check,” she said. "
            "“Next, maybe I will manage.”",
        ),
        pull_quote=None,
        image_caption="Finished towels are inspected before being packed for export.",
        image_credit=ILLUSTRATION,
        days_ago=66,
        hour=13,
        minute=0,
    ),
    ArticleSpec(
        slug="auckland-first-home-buyers-return",
        headline="First-home buyers return to Auckland's open homes",
        standfirst=(
            "Lower prices and easing mortgage rates are drawing younger buyers back, though many "
            "still rely on help from their parents."
        ),
        section="business",
        authors=("mariana-teixeira",),
        place="Auckland",
        tags=("housing", "markets"),
        paragraphs=(
            "At an open home in the Auckland suburb of Mount Roskill, a queue formed on the "
            "footpath before the doors opened on a three-bedroom weatherboard house. Most of the "
            "people waiting were couples in their late twenties and thirties, clutching printed "
            "property reports.",
            "Estate agents say first-home buyers now account for a larger share of purchases in "
            "the city than at any time in several years. House prices in Auckland have fallen "
            "from their peak, and lenders have trimmed mortgage rates, improving affordability at "
            "the margin.",
            "“Two years ago, we did not bother looking,” said Aroha Williams, a nurse who came to "
            "the open home with her partner. “Now it feels possible, just. But only because my "
            "parents can help with the deposit.”",
            "Economists caution that the market remains expensive relative to incomes, and that "
            "buyers without family support are still largely shut out. Investors have been slower "
            "to return, agents say, leaving more room for owner-occupiers.",
            "Planning changes that allow more townhouses on sections once reserved for single "
            "houses have added supply in some suburbs. Housing advocates say that trend, rather "
            "than lower interest rates, is the most durable way to keep prices within reach.",
        ),
        pull_quote=None,
        image_caption="Weatherboard houses on a street in Auckland's inner suburbs.",
        image_credit=ILLUSTRATION,
        days_ago=86,
        hour=9,
        minute=15,
    ),
    # Culture
    ArticleSpec(
        slug="aks-haye-ghadimi-paytakht-dar-khaneh-tarikhi",
        headline="عکس‌های قدیمی پایتخت در خانه‌ای تاریخی به نمایش درآمد",
        standfirst=(
            "نمایشگاهی در محلهٔ عودلاجان بیش از صد عکس از زندگی روزمرهٔ تهرانِ دهه‌های گذشته را "
            "گرد هم آورده است؛ بیشتر این عکس‌ها را خود مردم از آلبوم‌های خانوادگی‌شان اهدا "
            "کرده‌اند."
        ),
        section="culture",
        authors=("farid-rahimi",),
        place="تهران",
        tags=("عکاسی", "شهر", "ایران"),
        paragraphs=(
            "خانه‌ای قاجاری در محلهٔ عودلاجان این روزها میزبان نمایشگاهی از عکس‌های قدیمی تهران "
            "است. در اتاق‌های تودرتو و حیاط آجری این خانه، تصویرهایی از خیابان‌ها، مغازه‌ها، "
            "مدرسه‌ها و جشن‌های خانوادگی دهه‌های گذشته به دیوار رفته است.",
            "برگزارکنندگان می‌گویند بیشتر عکس‌ها را شهروندان از آلبوم‌های خانوادگی خود به "
            "نمایشگاه سپرده‌اند. لیلا احمدی، یکی از گردآورندگان مجموعه، گفت: «وقتی فراخوان دادیم، "
            "فکر نمی‌کردیم این‌همه عکس به دستمان برسد. هر عکس قصه‌ای دارد که صاحبش با اشتیاق "
            "برایمان تعریف کرد.»",
            "در یکی از عکس‌ها، گروهی از دانش‌آموزان با روپوش‌های یک‌شکل جلوی در مدرسه ایستاده‌اند "
            "و در عکسی دیگر، اتوبوسی دوطبقه از میدان توپخانه می‌گذرد. کنار هر عکس یادداشت کوتاهی "
            "به خط اهداکننده گذاشته شده که نام آدم‌ها و سال تقریبی عکس را نوشته است.",
            "بازدیدکنندگان در میان عکس‌ها دنبال خانه‌ها و کوچه‌هایی می‌گردند که دیگر وجود ندارند. "
            "حسین رضوانی، مردی هفتادوچهارساله، جلوی عکس یک نانوایی ایستاده بود و گفت: «این "
            "نانوایی سر کوچهٔ ما بود. بوی نان تازه‌اش هنوز یادم هست.»",
            "نمایشگاه تا پایان ماه آینده هر روز از ساعت ده صبح تا هشت شب باز است و بازدید از آن "
            "برای همه رایگان است. برگزارکنندگان امیدوارند این مجموعه را در آینده به صورت یک آرشیو "
            "اینترنتی در دسترس پژوهشگران و علاقه‌مندان قرار دهند.",
        ),
        pull_quote=(
            "هر عکس قصه‌ای دارد که صاحبش با اشتیاق برایمان تعریف کرد.",
            "لیلا احمدی، از گردآورندگان نمایشگاه",
        ),
        image_caption="حیاط خانهٔ تاریخی محل برگزاری نمایشگاه در محلهٔ عودلاجان.",
        image_credit=ILLUSTRATION_FA,
        language="fa",
        days_ago=4,
        hour=17,
        minute=0,
    ),
    ArticleSpec(
        slug="marseille-street-football-tournament",
        headline="Marseille's tower-block pitches host a street football tournament",
        standfirst=(
            "Teams of five from the city's northern districts played on concrete courts, watched "
            "by scouts, parents and a few former professionals."
        ),
        section="culture",
        authors=("farid-rahimi",),
        place="Marseille",
        tags=("sport", "cities", "youth"),
        paragraphs=(
            "The concrete five-a-side courts wedged between tower blocks in Marseille's northern "
            "districts are usually busy until well after dark. Last weekend they were packed, as "
            "64 teams played in a street football tournament that has grown from a neighbourhood "
            "event into one of the city's most watched amateur competitions.",
            "The matches are short and fast, played with a smaller, heavier ball and no offside "
            "rule. Players come from families with roots in North Africa, the Comoros, West "
            "Africa and Armenia, and the crowd shouts encouragement in as many languages.",
            "“On these courts you learn to control the ball in a phone box, with three people "
            "kicking your ankles,” said Yacine Haddad, a youth coach who has organised the "
            "tournament for nine years. “Everybody who grew up here knows that is where the great "
            "Marseille players learned.”",
            "Scouts from professional academies watched from the walkways above the courts, "
            "notebooks in hand. Organisers said at least three players from last year's "
            "tournament had been invited for trials at clubs in the south of France.",
            "The final was decided on penalties after a 4-4 draw, in front of a crowd that filled "
            "the balconies overlooking the court. The winning team, teenagers who all live in the "
            "same building, celebrated by climbing the fence and running laps of the estate.",
        ),
        pull_quote=(
            "On these courts you learn to control the ball in a phone box, with three people "
            "kicking your ankles.",
            "Yacine Haddad, youth coach",
        ),
        image_caption=(
            "Five-a-side courts sit between tower blocks in Marseille's northern districts."
        ),
        image_credit=ILLUSTRATION,
        days_ago=0,
        hour=6,
        minute=50,
        comment_mode="premoderated",
    ),
    ArticleSpec(
        slug="hanoi-water-puppeteers-train-new-generation",
        headline="Hanoi's water puppeteers train a new generation behind the bamboo screen",
        standfirst=(
            "A troupe performing a centuries-old art form is recruiting young puppeteers and "
            "commissioning stories about the modern city."
        ),
        section="culture",
        authors=("hana-kobayashi",),
        place="Hanoi",
        tags=("arts", "tourism"),
        paragraphs=(
            "Behind a bamboo screen, waist-deep in a pool of murky water, a row of puppeteers "
            "steers lacquered wooden figures across the surface with long poles hidden beneath "
            "it. On the other side, the audience sees only dragons, fishermen and ducks gliding "
            "and spinning to the sound of drums and a small folk orchestra.",
            "Water puppetry has its roots in the flooded rice fields of the Red River delta, "
            "where villagers performed in ponds after the harvest. In Hanoi it has become a "
            "fixture of the tourist circuit, and the troupe at a small theatre near the old "
            "quarter says it is losing experienced puppeteers to retirement.",
            "To replace them, the troupe has started a two-year apprenticeship. Trainees spend "
            "months learning to stand in cold water for an hour at a time and to work the heavy "
            "puppets without splashing. “The first lesson is patience,” said Nguyễn Thị Thu, one "
            "of the senior puppeteers. “The second lesson is also patience.”",
            "The troupe is also commissioning new short pieces. One, premiering this month, "
            "follows a motorbike courier through the city's traffic, with puppets weaving between "
            "wooden cars and buses. School audiences have laughed loudest at the scene in which "
            "the courier loses a delivery of noodles to a flock of hungry ducks.",
            "The directors say the new stories are not meant to replace the classics, but to "
            "bring in local families who might otherwise think of the theatre as something only "
            "for visitors. Tickets for Hanoi residents are now sold at a discount on weekday "
            "afternoons.",
        ),
        pull_quote=(
            "The first lesson is patience. The second lesson is also patience.",
            "Nguyễn Thị Thu, senior puppeteer",
        ),
        image_caption="Water puppets perform on a pool stage in front of a bamboo screen.",
        image_credit=ILLUSTRATION,
        days_ago=10,
        hour=20,
        minute=0,
    ),
    ArticleSpec(
        slug="krakow-festival-puts-translators-on-stage",
        headline="At a Kraków festival, translators take the stage",
        standfirst=(
            "A literary festival devoted to translation drew readers to hear how books move "
            "between languages, from Icelandic to Georgian to Yoruba."
        ),
        section="culture",
        authors=("hana-kobayashi",),
        place="Kraków",
        tags=("books", "arts"),
        paragraphs=(
            "At most literary festivals, the translator's name appears in small print, if at all. "
            "At a week-long festival in Kraków that ended at the weekend, translators were the "
            "headliners, reading alongside authors and explaining the choices that turn one book "
            "into another.",
            "Sessions paired translators working between Polish and languages with relatively few "
            "readers or publishers in Europe, including Icelandic, Georgian and Yoruba. Many "
            "events were held in bookshops and cafés in the Kazimierz district, with audiences "
            "spilling out on to the pavement.",
            "“Every translation is a small argument that a book belongs to more than one "
            "country,” said Agnieszka Wójcik, who translates Icelandic fiction into Polish. She "
            "read the same paragraph in both languages and asked the audience to listen for the "
            "places where the rhythm changed.",
            "Organisers said they also wanted to draw attention to the economics of the "
            "profession. Literary translators in many countries earn little, and public "
            "translation grants often decide which books cross borders at all. A panel of "
            "publishers discussed how small presses choose titles when nobody on staff can read "
            "the original.",
            "The festival closed with a reading, in six languages, of a short story by a young "
            "Ukrainian writer, each translator taking a paragraph in turn. The author, who was in "
            "the audience, said she understood only two of the versions but had never heard her "
            "story sound so large.",
        ),
        pull_quote=(
            "Every translation is a small argument that a book belongs to more than one country.",
            "Agnieszka Wójcik, literary translator",
        ),
        image_caption="Readings were held in bookshops and cafés in Kraków's Kazimierz district.",
        image_credit=ILLUSTRATION,
        days_ago=33,
        hour=18,
        minute=45,
    ),
    ArticleSpec(
        slug="kigali-independent-cinema-opens",
        headline="A small independent cinema opens in Kigali with a programme of African films",
        standfirst=(
            "The 80-seat screen in a former warehouse will show features and documentaries from "
            "across the continent, with regular nights for local filmmakers."
        ),
        section="culture",
        authors=("amara-nwosu",),
        place="Kigali",
        tags=("film", "arts"),
        paragraphs=(
            "A former warehouse in Kigali's Kimihurura neighbourhood has reopened as an 80-seat "
            "independent cinema, with a programme built around feature films and documentaries "
            "from across Africa. It is one of very few screens in the city devoted to independent "
            "cinema.",
            "The founders, a group of filmmakers and film-club volunteers, raised money through a "
            "local crowdfunding campaign and a grant from a cultural foundation. The seats came "
            "second-hand from a theatre that closed in another city, and the projector was "
            "installed with help from a technician who travelled from Nairobi.",
            "“We grew up watching films on laptops and in crowded video halls,” said Eric "
            "Habimana, one of the founders. “We wanted a place where a Rwandan audience can see a "
            "Senegalese or Ethiopian film on a big screen, and then stay afterwards to argue "
            "about it.”",
            "One evening a week will be reserved for short films by local directors, followed by "
            "discussions with the filmmakers. Student tickets are half price, and the cinema has "
            "partnered with schools to organise daytime screenings of documentaries.",
            "The opening night sold out within hours. Claudine Uwase, whose short documentary "
            "about women motorcycle-taxi riders was among the first films shown, said watching it "
            "with a full house was a new experience. “At festivals abroad, people clap politely,” "
            "she said. “Here, people shouted at the screen. That is when you know it worked.”",
        ),
        pull_quote=None,
        image_caption="The cinema occupies a converted warehouse in Kigali.",
        image_credit=ILLUSTRATION,
        days_ago=20,
        hour=19,
        minute=30,
    ),
    ArticleSpec(
        slug="chicago-library-digitises-lost-blues-tapes",
        headline="Chicago library volunteers digitise a lost trove of blues recordings",
        standfirst=(
            "Hundreds of reel-to-reel tapes recorded in South Side clubs are being restored, "
            "catalogued and shared with the musicians' families."
        ),
        section="culture",
        authors=("mariana-teixeira",),
        place="Chicago",
        tags=("music", "arts"),
        paragraphs=(
            "In a basement room at a public library branch on Chicago's South Side, volunteers in "
            "cotton gloves are threading reel-to-reel tape into restored players. The tapes, more "
            "than 600 of them, were recorded in small blues clubs from the late 1950s to the "
            "early 1980s by an amateur sound engineer who kept them in his garage.",
            "The collection was donated by the engineer's grandson after his death. Many of the "
            "tapes had not been played since they were recorded, and some had begun to "
            "deteriorate. A conservator taught the volunteers to bake brittle tape at a low "
            "temperature before playing it once, straight into a digital recorder.",
            "“Some of these performers never made a record,” said Denise Howard, the librarian "
            "leading the project. “They played every weekend for twenty years and then the club "
            "closed. This might be the only sound of them that exists.”",
            "The library has been tracing the musicians' relatives through church newsletters and "
            "radio appeals. Several families have come in to hear recordings of parents and "
            "grandparents they had only heard about. One woman recognised her father's voice "
            "calling out a song title before the band started.",
            "The recordings will be available to listen to at the library, and selected tracks "
            "will be published online with the families' permission. A series of free concerts, "
            "with local musicians performing songs from the tapes, is planned for later this "
            "year.",
        ),
        pull_quote=(
            "Some of these performers never made a record. This might be the only sound of them "
            "that exists.",
            "Denise Howard, librarian",
        ),
        image_caption=(
            "Reel-to-reel tapes recorded in South Side clubs are being restored and digitised."
        ),
        image_credit=ILLUSTRATION,
        days_ago=38,
        hour=15,
        minute=55,
    ),
    ArticleSpec(
        slug="lima-chefs-revive-native-potato-varieties",
        headline="Lima chefs put forgotten potato varieties back on the menu",
        standfirst=(
            "Restaurants are buying directly from highland growers who keep hundreds of native "
            "varieties alive, paying well above market prices."
        ),
        section="culture",
        authors=("mariana-teixeira",),
        place="Lima",
        tags=("food", "agriculture"),
        paragraphs=(
            "The tasting menu at a restaurant in Lima's Barranco district opens with a single "
            "potato. It is small, purple-skinned and knobbly, grown at nearly 4,000 metres in the "
            "highlands of Huancavelica, and it is served with a sauce made from its own roasted "
            "skin.",
            "Peru is home to thousands of native potato varieties, many grown only by "
            "smallholders in mountain communities. Agronomists say that diversity is a resource "
            "for breeding crops that can withstand disease and a changing climate, but many "
            "varieties are now grown in ever smaller quantities.",
            "A handful of Lima restaurants buy directly from growers' cooperatives, agreeing "
            "prices in advance and paying several times what traders offer at wholesale markets. "
            "“The farmers are the real chefs,” said Lucía Quispe, who runs the restaurant's "
            "kitchen. “We just try not to ruin what they grew.”",
            "Growers say the income helps, but restaurant demand is small and uneven. Teodoro "
            "Huamán, who farms about 200 varieties with his family, said the cooperative also "
            "sells to schools and markets in the region. “A restaurant buys fifty kilos,” he "
            "said. “A school buys a tonne.”",
            "Agronomists and cooks have started a shared catalogue of varieties, with "
            "photographs, growing notes and recipes, to encourage more kitchens to experiment. "
            "The first edition, published online, includes potatoes that turn pink when boiled "
            "and others traditionally freeze-dried in the cold mountain nights to make chuño.",
        ),
        pull_quote=(
            "The farmers are the real chefs. We just try not to ruin what they grew.",
            "Lucía Quispe, chef",
        ),
        image_caption="Native potato varieties from the Peruvian highlands.",
        image_credit=ILLUSTRATION,
        days_ago=45,
        hour=13,
        minute=20,
    ),
    ArticleSpec(
        slug="cairo-squash-clubs-world-class-players",
        headline="Why Cairo keeps producing world-class squash players",
        standfirst=(
            "In the city's sporting clubs, children start young, train hard and learn from "
            "champions who came through the same courts."
        ),
        section="culture",
        authors=("farid-rahimi",),
        place="Cairo",
        tags=("sport", "education", "youth"),
        paragraphs=(
            "At a sporting club in the Cairo suburb of Heliopolis, the glass-backed squash courts "
            "are booked from early morning until late at night. Children as young as six take "
            "lessons after school, while teenagers ranked among the best in the world for their "
            "age train on the next court.",
            "Egyptian players have dominated professional squash for more than a decade, winning "
            "major titles in both the men's and women's game. Coaches say the success rests on a "
            "dense network of clubs where talented children can play every day against opponents "
            "who are nearly as good.",
            "“Here, a ten-year-old plays against a girl ranked in the world's top fifty, and then "
            "goes home and watches her on television,” said Hossam Farouk, who has coached at the "
            "club for 18 years. “The champions are not posters on the wall. They are people you "
            "share a changing room with.”",
            "The model has limits. Club membership is expensive, and most players come from "
            "families who can afford fees, equipment and travel to junior tournaments abroad. "
            "Courts have been built at youth centres in poorer districts, though coaches say "
            "those programmes need more qualified trainers.",
            "Salma Adel, 14, trains six days a week and does her homework in the club café "
            "between sessions. Asked whether she ever tires of squash, she paused. “Of squash, "
            "no,” she said. “Of waking up at five, yes.”",
        ),
        pull_quote=(
            "The champions are not posters on the wall. They are people you share a changing room "
            "with.",
            "Hossam Farouk, squash coach",
        ),
        image_caption="Glass-backed squash courts at a Cairo sporting club.",
        image_credit=ILLUSTRATION,
        days_ago=60,
        hour=17,
        minute=45,
    ),
    ArticleSpec(
        slug="vancouver-telescope-nights-on-the-seawall",
        headline="Vancouver's public telescope nights draw crowds to the seawall",
        standfirst=(
            "Amateur astronomers set up telescopes by the water once a month, offering passers-by "
            "views of Saturn's rings and the craters of the Moon."
        ),
        section="culture",
        authors=("hana-kobayashi",),
        place="Vancouver",
        tags=("science", "education"),
        paragraphs=(
            "On clear evenings once a month, a line of telescopes appears along a stretch of "
            "Vancouver's seawall. Volunteers from an amateur astronomy club aim them at whatever "
            "is bright enough to cut through the city's glow: the Moon, Jupiter and its moons "
            "and, when it is well placed, Saturn.",
            "Passers-by queue for a look, many of them on the way home from work or out walking "
            "dogs. The club estimates that more than 1,500 people looked through its telescopes "
            "at the latest session, despite a forecast of cloud that cleared just after sunset.",
            "“Everyone says the same word when they see Saturn for the first time, and it is not "
            "one you can print,” said Priya Sandhu, an engineering student who volunteers with "
            "the club. “It looks fake, like a sticker on the lens. Then you realise it is real "
            "and it is up there right now.”",
            "The club lends beginner telescopes through the public library and runs workshops for "
            "teachers. Members say interest has grown steadily, and they are training more "
            "volunteers to run sessions in other neighbourhoods.",
            "Light pollution remains the biggest obstacle. The astronomers have asked the city to "
            "consider shielded, warmer-coloured lighting in parks, which they say would improve "
            "the view of the sky without making paths less safe.",
        ),
        pull_quote=None,
        image_caption="Telescopes along the seawall point towards the Moon and the planets.",
        image_credit=ILLUSTRATION,
        days_ago=75,
        hour=21,
        minute=15,
    ),
    ArticleSpec(
        slug="tokyo-jazz-cafes-where-the-audience-listens",
        headline="Tokyo's jazz cafés, where the audience is asked to listen",
        standfirst=(
            "The city's jazz kissa, small cafés built around a record collection and a large sound "
            "system, are finding new customers among young listeners."
        ),
        section="culture",
        authors=("hana-kobayashi",),
        place="Tokyo",
        tags=("music", "cities"),
        paragraphs=(
            "A sign on the door of a jazz café in Tokyo's Kichijoji neighbourhood asks customers "
            "to keep their voices low. Inside, a dozen people sit in armchairs facing a pair of "
            "enormous wooden loudspeakers, coffee cups in hand, while the owner lowers the needle "
            "on a record from his collection of about 8,000 albums.",
            "Jazz kissa, or jazz cafés, spread across Japan from the 1950s, when imported records "
            "were expensive and few people could afford good audio equipment at home. Many closed "
            "as music moved to personal devices, but a few dozen remain in Tokyo, often run by "
            "owners who have spent decades behind the counter.",
            "A younger crowd has found them. Customers in their twenties say the cafés offer "
            "something headphones cannot: the physical weight of sound in a room, and an hour "
            "without notifications. “It is like a library for listening,” said Mao Inoue, 24, who "
            "visits most weekends.",
            "The owner, Tetsuya Mori, 71, noticed the change a few years ago, when students began "
            "asking for records by title and writing down the names of the musicians. “I used to "
            "worry that when my customers died, the café would die with them,” he said. “Now I "
            "worry that I will run out of chairs.”",
            "Some new cafés have opened in the same spirit, playing vinyl of every genre. Mori is "
            "unconvinced, but not upset. “Jazz or not, the rule is the same,” he said. “You come "
            "to listen. The talking can wait.”",
        ),
        pull_quote=(
            "I used to worry that when my customers died, the café would die with them. Now I "
            "worry that I will run out of chairs.",
            "Tetsuya Mori, jazz café owner",
        ),
        image_caption="Large wooden loudspeakers dominate the room at a Tokyo jazz café.",
        image_credit=ILLUSTRATION,
        days_ago=89,
        hour=22,
        minute=0,
    ),
)
