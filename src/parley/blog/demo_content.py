"""Demo posts and pages written for Parley, in clear topic clusters so related posts show."""

# (category slug, name, parent slug or None)
CATEGORIES = [
    ("garden", "Kitchen garden", None),
    ("coffee", "Coffee at home", None),
    ("self-hosting", "Self-hosting", None),
    ("databases", "Databases", "self-hosting"),
    ("cycling", "Cycling", None),
    ("news", "Site news", None),
]

# (title, category slugs, tag names, days ago, excerpt, Markdown body)
POSTS = [
    (
        "Welcome to this Parley demo",
        ["news"],
        ["announcements"],
        1,
        "What this demo site shows, and how to log in to change it.",
        "This site was filled by `parley serve --demo` so there is something to read.\n\n"
        "Open any post to see its **Related Posts**, computed by the site itself from the "
        "words, tags and categories the posts share. Log in to the admin with the account "
        "printed in your terminal, write a post, publish it, and watch it appear on the "
        "home page, in the feed and beside the posts it resembles.",
    ),
    (
        "Starting a compost heap that actually rots",
        ["garden"],
        ["compost", "soil"],
        120,
        "Greens, browns, air and water: the four things a compost heap needs.",
        "A compost heap is a slow fire fed by microbes. Give it a mix of **greens** (grass "
        "clippings, vegetable peelings, coffee grounds) and **browns** (dry leaves, straw, "
        "shredded cardboard), roughly one bucket of greens to two of browns.\n\n"
        "## Turning and moisture\n\n"
        "Turn the heap every week or two so air reaches the middle; a heap that smells sour "
        "is short of air. Squeeze a handful of the compost: it should feel like a wrung-out "
        "sponge. After three or four months the soil life has done its work and the compost "
        "is dark, crumbly and ready for the beds.",
    ),
    (
        "Raised beds for heavy clay soil",
        ["garden"],
        ["raised beds", "soil", "compost"],
        100,
        "Why a raised bed drains clay soil, and what to fill it with.",
        "Clay soil holds water and nutrients well but drains badly, and roots drown in a wet "
        "spring. A raised bed lifts the root zone above the waterlogged clay.\n\n"
        "Fill the bed with a mix of topsoil and well-rotted compost, about two parts soil to "
        "one part compost, and fork the clay underneath so water can still escape. Each "
        "autumn, spread another layer of compost on top: worms pull it down and the soil in "
        "the bed keeps improving year after year.",
    ),
    (
        "Growing tomatoes outdoors in a short summer",
        ["garden"],
        ["tomatoes", "seeds"],
        80,
        "Early varieties, a warm wall and fewer leaves: tomatoes in a cool climate.",
        "Tomatoes need warmth and a long season. In a short summer, choose early bush "
        "varieties, start the seeds indoors eight weeks before the last frost, and plant "
        "them out against a sunny wall.\n\n"
        "- Water the tomatoes deeply twice a week rather than a little every day.\n"
        "- Feed with a potassium-rich liquid once the first fruits set.\n"
        "- Pinch out side shoots on cordon varieties so the plant ripens fruit, not leaves.\n\n"
        "Mulch the soil with compost to keep the roots evenly moist and stop the fruit "
        "splitting after rain.",
    ),
    (
        "Saving your own tomato and bean seeds",
        ["garden"],
        ["seeds", "tomatoes"],
        60,
        "Open-pollinated varieties come true from seed; here is how to keep them.",
        "Seeds saved from open-pollinated varieties grow into plants like their parents; "
        "seeds from F1 hybrids do not. Beans are the easiest: leave a few pods on the plant "
        "until they rattle, then shell and dry the seeds indoors.\n\n"
        "Tomato seeds sit in a gel that stops them sprouting. Scoop the seeds into a jar of "
        "water, let them ferment for three days, rinse, and dry them on a plate. Label every "
        "packet with the variety and year; stored cool and dry, tomato seeds last five years.",
    ),
    (
        "Dialing in espresso at home",
        ["coffee"],
        ["espresso", "grinders"],
        110,
        "Dose, yield and time: change one at a time until the shot tastes right.",
        "An espresso recipe has three numbers: the **dose** of ground coffee, the **yield** "
        "of liquid espresso, and the **time** the shot takes. Start with 18 g in, 36 g out, "
        "in 25 to 30 seconds.\n\n"
        "If the espresso tastes sour and runs fast, grind finer; if it tastes bitter and "
        "runs slow, grind coarser. Change only the grinder setting until the time is right, "
        "then adjust the yield by taste. Write each shot down: dialing in espresso is a "
        "small experiment, and notes make it repeatable.",
    ),
    (
        "Burr grinders: flat or conical?",
        ["coffee"],
        ["grinders", "espresso"],
        90,
        "Both burr shapes grind evenly; what differs is retention, noise and price.",
        "A burr grinder crushes coffee beans between two rings of teeth, and an even grind "
        "matters more than any other piece of coffee equipment. Conical burrs are quieter "
        "and cheaper; flat burrs tend to give clearer espresso and filter coffee.\n\n"
        "Whatever the burr shape, look for stepless adjustment if you make espresso, low "
        "retention so yesterday's coffee does not end up in today's cup, and burrs you can "
        "buy as spare parts. A good grinder outlives several espresso machines.",
    ),
    (
        "Pour-over coffee without the fuss",
        ["coffee"],
        ["pour-over", "grinders"],
        70,
        "A simple pour-over recipe and the two mistakes that spoil most cups.",
        "Pour-over coffee needs a dripper, a paper filter, a kettle and a medium-fine grind. "
        "Use 15 g of coffee for 250 g of water just off the boil.\n\n"
        "Pour a little water first and let the coffee bloom for thirty seconds, then pour the "
        "rest in slow circles. The whole brew should take about three minutes. If it drains "
        "much faster, grind finer; a bitter, slow cup wants a coarser grind. Rinse the paper "
        "filter with hot water first, or the coffee tastes of paper.",
    ),
    (
        "Water for coffee: why your tap matters",
        ["coffee"],
        ["water", "espresso", "pour-over"],
        50,
        "Hardness, alkalinity and scale: the invisible half of every cup of coffee.",
        "A cup of coffee is almost all water, and the minerals in it change what the water "
        "extracts from the coffee. Very soft water makes flat, sour coffee; very hard water "
        "makes chalky coffee and fills an espresso machine with scale.\n\n"
        "A simple test strip tells you the hardness of your tap water. If it is high, a "
        "filter jug or a recipe of bottled water protects the espresso machine and usually "
        "makes pour-over coffee taste brighter.",
    ),
    (
        "Backups you have actually restored",
        ["self-hosting"],
        ["backups", "servers"],
        105,
        "A backup nobody has restored is a hope, not a backup.",
        "Self-hosting a service means you are the one who restores it after a bad disk or a "
        "bad command. Keep three copies of the data, on two kinds of storage, one of them "
        "off site.\n\n"
        "Automate the backups with a timer on the server, encrypt them before they leave the "
        "machine, and once a month restore the latest backup onto a spare server and check "
        "the site works. Write the restore steps down while you do it; the next restore will "
        "happen on a bad day.",
    ),
    (
        "SQLite in production for a small site",
        ["self-hosting", "databases"],
        ["sqlite", "servers", "backups"],
        85,
        "WAL mode, a busy timeout and one file to back up.",
        "For a site with one server, SQLite is a fast and simple database: no database "
        "server to run, and the whole site is one file.\n\n"
        "Switch the database to WAL journal mode so readers never wait for the writer, set a "
        "busy timeout so concurrent writes queue instead of failing, and back up with the "
        "SQLite backup API (or `VACUUM INTO`) rather than copying the database file while it "
        "is in use. When you outgrow one server, move to PostgreSQL.",
    ),
    (
        "PostgreSQL full-text search in a few lines",
        ["self-hosting", "databases"],
        ["postgresql", "search"],
        65,
        "tsvector, a GIN index and a ranked query: search without another service.",
        "PostgreSQL can search your posts without a separate search server. Turn each post "
        "into a `tsvector` with the title weighted above the body, keep a GIN index on that "
        "expression, and match visitors' words with `websearch_to_tsquery`.\n\n"
        "Rank the results with `ts_rank` so title matches come first. The database index "
        "keeps search fast as the site grows, and the results are always as fresh as the "
        "database itself.",
    ),
    (
        "Putting a Python app behind nginx",
        ["self-hosting"],
        ["nginx", "servers"],
        45,
        "TLS, static files and proxy headers: what nginx does in front of gunicorn.",
        "Run the Python application with gunicorn on a local port and let nginx face the "
        "internet: it terminates TLS, serves static files from disk, buffers slow clients "
        "and passes the rest to the app.\n\n"
        "Forward the `Host` and `X-Forwarded-Proto` headers so the app builds correct links, "
        "limit the request body size, and reload nginx after each certificate renewal. Test "
        "the configuration with `nginx -t` before every reload on the server.",
    ),
    (
        "Looking after a bike chain",
        ["cycling"],
        ["maintenance", "chain"],
        95,
        "Clean, lubricate, wipe, and measure wear before it eats the cassette.",
        "A clean, lubricated chain shifts better and lasts longer. Wipe the chain after wet "
        "rides, and every few hundred kilometres clean it with degreaser, let it dry, and put "
        "one drop of chain lube on each roller.\n\n"
        "Wipe off the excess lube: it only collects grit. Measure chain wear with a checker "
        "tool and replace the chain at 0.5 % stretch; a worn chain quickly wears out the "
        "cassette and chainrings, which cost far more than a new chain.",
    ),
    (
        "Tubeless tyres: worth the sealant?",
        ["cycling"],
        ["tyres", "maintenance"],
        75,
        "Fewer punctures and lower pressures, in exchange for some messy sealant.",
        "Tubeless tyres seal small punctures on the move and let you ride lower tyre "
        "pressures for grip and comfort. The price is a messier setup: tubeless rim tape, "
        "valves, and sealant that dries out and needs topping up every few months.\n\n"
        "Carry a plug kit for cuts the sealant cannot close, and a spare tube for the day the "
        "tyre will not seat. For commuting on glass-strewn roads, tubeless tyres save many "
        "roadside repairs.",
    ),
    (
        "Commuting by bike through the winter",
        ["cycling"],
        ["commuting", "maintenance"],
        55,
        "Lights, mudguards and a chain that gets wiped every week.",
        "Winter commuting by bike is mostly about being seen and staying dry. Fit bright "
        "lights front and rear, full mudguards and wider tyres with some tread.\n\n"
        "Road salt attacks the chain and drivetrain, so rinse the bike and wipe and lube the "
        "chain every week. Dress in layers you can open as you warm up, and keep dry gloves "
        "for the ride home. Your winter bike commute will be quicker than the traffic jam.",
    ),
    (
        "Fitting a bike so your knees stop complaining",
        ["cycling"],
        ["bike fit", "commuting"],
        40,
        "Saddle height first, then setback, then reach: small changes, one at a time.",
        "Most knee pain on a bike comes from a saddle that is too low or too high. With the "
        "pedal at the bottom of the stroke, your knee should stay slightly bent.\n\n"
        "Then set the saddle setback so your knee sits over the pedal axle, and adjust reach "
        "with the stem so your shoulders stay relaxed. Change one thing at a time, ride a "
        "week, and note how your knees and back feel; a good bike fit is found, not bought.",
    ),
]

PAGES = [
    (
        "About",
        "about",
        "This is a demonstration site for **Parley**, a self-hosted blog engine built for "
        "real conversation under the posts.\n\n"
        "The posts here cover a kitchen garden, coffee at home, self-hosting and cycling. "
        "They exist so you can see listings, archives, feeds, search and related posts at "
        "work. Replace them with your own writing whenever you like.",
    ),
    (
        "Colophon",
        "colophon",
        "Parley serves plain HTML and one stylesheet. Pages make no request to any other "
        "site: no web fonts, no analytics, no embedded avatars. A strict Content Security "
        "Policy forbids inline scripts and styles.\n\n"
        "Related posts are computed on this server with TF-IDF over titles, bodies, tags "
        "and categories.",
    ),
]
