// Real but less common names that head each tradition's synthetic tail (the names just below the tables of
// name-frequencies.ts). Written from general knowledge; display forms, accents kept. Space-separated; a name that
// contains a space is written with '_' (da_Silva → "da Silva").

function list(text: string): readonly string[] {
  return [...new Set(text.trim().split(/\s+/).map((word) => word.replaceAll('_', ' ')))]
}

export const RARER_SURNAMES = {
  britishParticles: list(`
    St_John Le_Roux De_Vere Van_der_Merwe Van_Dyke De_Silva D'Arcy Le_Fevre Du_Plessis De_Souza Le_Brun St_Clair
    De_Costa Van_Heerden De_Freitas La_Touche D'Cruz Le_Mesurier De_la_Cruz Van_Rooyen
  `),
  arabic: list(`
    Shafiq Latif Riaz Saleem Hameed Yaqoob Rauf Sadiq Tahir Sultan Karim Majeed Aziz Hafeez Nazir Younis Ashraf
    Akram Mahmud Hamid Ghani Kabir Razzaq Qadir Jabbar Farooq Arshad Zafar Naeem Waheed Khalid Shahzad Asghar Sabir
    Shakoor Siddique Abbas Haider Rizvi Naqvi Jafri Bukhari Gilani Durrani Afridi Yousafzai Awan Janjua Rajput Dar
    Lone Wani Mir Ansari Khokhar Gondal Sial Abdullah Hussein Hosain Baig Ullah Talukdar Sarkar Mondal Amin Nur
    Elmi Warsame Jama Aden Egal Hersi Ismail Mahamud Dirie Duale Said Salah Mansour Haddad Khalil Nasser Saleh
    Hamdan Othman Rehman Sattar Tariq Habib Parveen Sabri Mughal Kiani Abbasi Hashmi
  `),
  indic: list(`
    Bhatt Trivedi Pandya Vyas Dave Pathak Thakur Yadav Pandey Mishra Tiwari Chopra Malhotra Khanna Bhatia Arora
    Sethi Anand Nair Menon Pillai Iyer Reddy Rao Naidu Krishnan Raman Subramaniam Sivakumar Rajan Shetty Kamath
    Bhandari Lad Makwana Vaghela Rathod Gohil Jadeja Chavda Lakhani Thakrar Kotecha Pattni Morjaria Ruparelia
    Karia Radia Tanna Raithatha Dattani Soni Parekh Dholakia Gandhi Modi Bhakta Jethwa Chudasama Varsani Hirani
    Kerai Halai Vekaria Pindoria Gorasia Naik Shukla Dubey Srivastava Saxena Agarwal Goel Bansal Mittal Sinha
    Banerjee Chatterjee Mukherjee Bose Ghosh Das Dutta Sen Sivapalan Thambirajah Selvarajah Gurung
    Tamang Limbu Magar Thapa
  `),
  sikh: list(`
    Dhaliwal Sangha Bhamra Bhogal Virdi Atwal Basra Chahal Gosal Hayer Hundal Jandu Kalsi Kandola Khera Lall Mattu
    Nagra Nijjar Panesar Purewal Rehal Samra Sanghera Sohal Sohi Takhar Thandi Uppal Dhami Gahir Heer Jutla Kooner
    Pannu Saini Sekhon Toor Bal Deol Brar Sran Aujla Matharu Chana Ghuman Garcha Riat Shergill Cheema Bassi Bhullar
    Dhesi Gakhal Jhooti Mahal Nahal Rattu Sandher Sahi
  `),
  westAfrican: list(`
    Adeleke Adeoye Adesina Afolayan Ajayi Akande Akinola Alabi Babatunde Balogun Coker Danjuma Fashola Ibekwe Igwe
    Nwachukwu Nwankwo Obi Odunsi Ogunbiyi Ogunlesi Ojo Okoro Olabode Oladipo Olaniyan Olawale Onuoha Oyelaran
    Salami Shittu Sowemimo Taiwo Uzoma Adjei Amoah Amponsah Ankrah Antwi Baah Danso Donkor Frimpong Gyamfi Kyei
    Nkansah Ofori Opoku Quaye Sarpong Tetteh Yeboah Acheampong Agyeman Badu Boakye Kusi Nyarko Oppong Takyi Addai
    Akoto Bonsu Asamoah Annan Koomson Quansah Essien Ekpo Bassey Udoh Etim Okoye Nwosu Ogunleye Adewale Akinyemi
    Oyewole Ncube Sibanda Dube Chikwanha Mutasa Banda Phiri Mwangi Kamau Otieno Odhiambo Mugisha
  `),
  polish: list(`
    Kaczmarek Piotrowski Grabowski Nowakowski Pawłowski Michalski Adamczyk Dudek Jabłoński Majewski Olszewski
    Jaworski Malinowski Witkowski Walczak Stępień Górski Rutkowski Michalak Sikora Ostrowski Baran Duda Szewczyk
    Tomaszewski Pietrzak Marciniak Wróblewski Zalewski Jakubowski Jasiński Zawadzki Sadowski Bąk Chmielewski
    Włodarczyk Borkowski Czarnecki Sawicki Sokołowski Urbański Kubiak Maciejewski Szczepański Kucharski Wilk
    Kalinowski Lis Mazurek Wysocki Adamski Kaźmierczak Wasilewski Sobczak Czerwiński Andrzejewski Cieślak Głowacki
    Zakrzewski Kołodziej Sikorski Krajewski Gajewski Szymczak Szulc Baranowski Laskowski Brzeziński Makowski
    Ziółkowski Przybylski Kwiatkowski
  `),
  eastEuropean: list(`
    Popovici Rusu Munteanu Matei Constantin Stan Dumitru Stoica Gheorghe Moldovan Lungu Ciobanu Ursu Dinu Marin
    Tudor Florea Barbu Nistor Ene Petrauskas Jankauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas
    Urbonas Kavaliauskas Balčiūnas Dimitrov Georgiev Nikolov Stoyanov Todorov Angelov Kolev Novák Svoboda Novotný
    Dvořák Černý Procházka Kučera Veselý Horváth Kovács Tóth Szabó Varga Kiss Molnár Németh Farkas Balogh
    Shevchenko Bondarenko Kovalenko Tkachenko Kravchenko Oliynyk Melnyk Lysenko Kovačević Horvat Petrović Jovanović
    Nikolić Berisha Krasniqi Gashi Hoxha
  `),
  mediterranean: list(`
    Oliveira Sousa Almeida Carvalho Ribeiro Martins Lopes Marques Alves Teixeira Correia Mendes Nunes Soares Vieira
    Monteiro Cardoso Rocha Neves Coelho Cruz Cunha Pinto Moreira Fonseca Azevedo Antunes Matos Sánchez Pérez Gómez
    Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Navarro Torres Domínguez Ramos Gil Serrano
    Blanco Molina Castro Ortiz Rubio Esposito Colombo Ricci Marino Greco Bruno Gallo Conti De_Luca Mancini Giordano
    Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo
    Gentile Martinelli Vitale Serra Coppola De_Santis D'Angelo Marchetti Parisi Villa Conte Ferraro Ferri Fabbri
    Bianco Marini Grasso Valentini Messina De_Angelis Gatti Pellegrini Palumbo Farina Amato Barone Caputo Guerra
    Palmieri D'Amico Orlando Papadakis Papageorgiou Pavlou Demetriou Charalambous Hadjipavlou Kyriacou Panayiotou
    Antoniou Savva Neophytou Efstathiou Stylianou Theodorou Karagiannis Economou Öztürk Şahin Çelik Yıldız Yıldırım
    Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Polat Erdoğan Güneş Aksoy da_Silva dos_Santos
    da_Costa De_Sousa de_Oliveira
  `),
} as const

export const RARER_GIVEN_NAMES = {
  british: {
    female: list(`
      Tamsin Fleur Cressida Araminta Clementine Henrietta Jemima Letitia Marcia Octavia Rowena Anwen Eira Gwen Lowri
      Manon Mared Nerys Seren Tegan Elin Aoife Aisling Orla Roisin Saoirse Grainne Clodagh Eimear Maeve Sorcha
      Beatrice Matilda Florence Edith Violet Ivy Mabel Iris Ruby Daisy Scarlett Evie Isla Ava Mia Lily Ella Maisie
      Erin Keira Kiera Lacey Courtney Demi Leigh Mandy Debra Dionne Marisa Camilla Penelope Rosalind Antonia Miranda
      Juliet Cordelia Imelda Bernadette Geraldine Colette Nadine Maxine Carole Carol Janice Jill Judith Joy Hilary Gail
      Sheila Brenda Irene Valerie Shirley Kay Faye Jenny Jackie Nicky Lucinda Annabel Katharine Cheryl Shona Morag
      Kirstie Catriona Isobel Eilidh Ailsa Mhairi Tamara Sasha Tasha Jocelyn Josephine Verity Miriam Jessie Rhiannon
      Carys Ceri Delyth Eleri Angharad Lowenna Morwenna Kerensa Tia Chantal Shanice Shereen Aimee Danica Kayla
      Stephanie Alexis Alisha Amelie Annette Antoinette Astrid Bernice Bridget Caitlyn Candice Cassandra Cecilia
      Charis Christina Clara Coral Dana Daphne Dominique Dorothy Eden Eliza Elise Eloise Emilia Esme Evelyn Faith
      Georgie Gina Hattie Heidi Helena Hope India Isabella Isabelle Jeanette Jolene Josie Karina Katrina Kimberly
      Leonie Lois Lola Lorna Madeleine Marian Marianne Martha Maureen Melissa Mollie Nancy Nina Nora Olwen Pippa
      Polly Rosanna Rosemary Sadie Selina Sienna Simone Tabitha Tara Una Vivienne Alana Anya Bonnie Cara Elle Fern
      Gemma-Louise Harriett Jenifer Kathleen Kirstin Leila Lynda Mairead Michaela Nichola Rochelle Roxanne Shelley
    `),
    male: list(`
      Bartholomew Crispin Tristan Jasper Rufus Barnaby Quentin Ralph Giles Ivor Bryn Emlyn Gethin Iwan Ieuan Aled
      Rhodri Dewi Gwyn Alun Cai Osian Emyr Euan Hamish Angus Ewan Calum Lachlan Fergus Seamus Eoin Cormac Oisin
      Padraig Cillian Fionn Ronan Darragh Killian Rowan Ellis Jude Felix Hugo Theo Archie Alfie Freddie Ollie Finley
      Harvey Mason Logan Riley Kai Jayden Brandon Dwayne Leroy Delroy Winston Clifton Errol Desmond Lester Clement
      Neville Clinton Marlon Otis Ezra Jethro Gideon Reuben Levi Micah Kane Shane Troy Darrell Ray Roy Ron Stanley
      Leonard Norman Dennis Douglas Derek Howard Victor Rodney Sidney Wilfred Arthur Albert Alfred Ernest Harold
      Herbert Cecil Rupert Piers Murray Gerard Lionel Nathaniel Frederick Kristian Kristopher Jonah Zachary Morgan
      Alastair Alec Ambrose Anton Austin Barrie Benedict Bernard Blake Bobby Brett Callan Casey Cedric Clark Conrad
      Cyril Darran Denis Dexter Donald Drew Earl Eddie Edwin Elijah Fabian Floyd Gerald Glen Graeme Hayden Jared
      Jarrod Jerome Jesse Joey Jordon Josiah Julius Keiran Kenny Kieron Kirk Laurence Lawrence Leigh Lenny Lucas
      Lyndon Marvin Matthias Maurice Maxwell Melvin Miles Myles Neal Nick Noel Oscar Owain Percy Quinn Raphael
      Rob Roland Ronnie Royston Ruben Sonny Stephan Terence Theodore Tobias Travis Tyrone Vernon Wesley Will Xavier
      Zak Andy Chris Dave Gregg Jamal Jermaine Kevin-John Liam-James Nicky Scot Stefan Tristram Wilson
    `),
  },
  arabic: {
    female: list(`
      Ruqayyah Sumayyah Safiya Jamila Latifa Nasra Fardowsa Sahra Ladan Hibo Fadumo Aaliyah Alia Amira Anisa Bushra
      Farah Hana Huma Iram Lubna Mahnoor Mehwish Nabila Naila Raheela Rozina Saba Sabah Sadaf Sehrish Shaista Shehnaz
      Shireen Sidra Sobia Sumera Tabassum Tahira Uzma Zahra Zeenat Zubaida Yasmeen Musarrat Nighat Kausar Razia Ghazala
      Fauzia Fariha Amna Aneesa Momina Nadira Rumana Sultana Shirin Rahima Rokeya Shahnaz Sumaiya Ruksana Nasima Fozia
    `),
    male: list(`
      Aamir Abid Adil Afzal Ahsan Akbar Akram Altaf Amjad Anwar Aqib Arshad Asad Ashfaq Atif Ayaz Azhar Aziz Babar
      Fahad Faheem Farooq Habib Haider Hamid Haris Haseeb Iftikhar Ijaz Ikram Imtiaz Ishaq Jamal Jamil Javed Kashif
      Khurram Liaqat Mansoor Masood Mazhar Mukhtar Munir Mushtaq Nasir Nauman Nisar Noman Parvez Qasim Rafiq Rahim
      Raza Rehan Riaz Saad Sadiq Safdar Saleem Sami Shabir Shafiq Shahzad Shakeel Sharif Shoaib Sohail Suleman
      Tahir Talha Tanveer Umar Usama Waheed Wajid Waleed Yasir Younis Zafar Zeeshan Zia Abul Abdur Shamsul Jahangir
      Kamal Mizanur Nazrul Rafiqul Shahidul Abdirahman Abdullahi Mohamud Liban Hamse Guled Idris Ayub Saeed
    `),
  },
  indic: {
    female: list(`
      Aarti Alpa Amisha Anisha Archana Bhavini Chandni Darshana Dimple Ekta Falguni Gita Hansa Heena Jaya Jayshree
      Kajal Kalpana Kamini Kanta Kirti Komal Krupa Lata Leena Madhu Mamta Manisha Meera Minal Mital Mona Nalini
      Namrata Nayna Nilam Nita Pallavi Payal Poonam Pratibha Priti Purvi Rachna Radhika Rani Rashmi Rekha Rina Riya
      Roshni Rupal Sangita Sarita Shital Shobha Shreya Shweta Smita Sonal Sudha Sujata Swati Tejal Trupti Urvashi
      Usha Vaishali Varsha Vidya Hema Hetal Dipti Geeta Sapna Nirmala Sangeeta Lakshmi Kamala Vasanthi Tharani
    `),
    male: list(`
      Alpesh Ankur Anup Arun Arvind Ashish Atul Bharat Bhavesh Bhupendra Chetan Chirag Darshan Devesh Dharmesh Dilip
      Gaurav Girish Harshad Hemant Hiren Jatin Jayesh Jignesh Kalpesh Kamlesh Ketan Kishan Kishore Kunal Mahendra
      Manish Mehul Mitesh Mukesh Naresh Navin Nilesh Nirav Paresh Piyush Pranav Prashant Pravin Rajan Rajiv Ramesh
      Rohan Sachin Samir Sandip Sanjiv Satish Shailesh Shashi Suraj Tushar Umesh Varun Vikas Vimal Vinay Vinod
      Viral Vishnu Yogesh Vikram Suresh Mahesh Harish Hitesh Prakash Kumar Senthil Ganesh Murali Prabhu
    `),
  },
  westAfrican: {
    female: list(`
      Abiola Adeola Adenike Aderonke Adetola Adebisi Adesua Ayomide Bolanle Busola Damilola Feyisayo Folake Funke
      Ifeoluwa Iyabo Jumoke Modupe Morenike Motunrayo Olabisi Olamide Omolola Omotola Opeyemi Oyinkansola Remi Ronke
      Shade Simisola Titi Tolulope Wuraola Yewande Adaobi Adanna Amarachi Chidimma Chinwe Chinyere Ebele Ezinne
      Ifeoma Ijeoma Nkechi Nkiru Ogechi Onyinye Uju Adjoa Afia Afua Akua Efua Esi Yaa Maame Serwaa Mercy Gifty
      Comfort Patience Favour Peace Chipo Tendai Rutendo Nyasha Wanjiru Achieng
    `),
    male: list(`
      Adebowale Adedayo Adegoke Adekunle Ademola Adewale Adeyinka Akinwale Ayodeji Bamidele Biodun Damilare Dapo
      Demola Deji Funsho Gbolahan Jide Kehinde Kolawole Lanre Mayowa Niyi Olalekan Olaniyi Rotimi Sola Taiwo Tayo
      Tolu Wale Yinka Chibuike Chidi Chijioke Chinonso Chukwudi Ebuka Ejike Ifeanyi Ikechukwu Kelechi Nnamdi Okey
      Onyeka Tochukwu Uche Ugochukwu Kwadwo Kwaku Kwasi Kojo Yaw Kwesi Ekow Kobina Nii Godwin Godfrey Prince
      Kingsley Ebenezer Solomon Tinashe Tatenda Farai Kudakwashe Otieno Kamau
    `),
  },
  polish: {
    female: list(`
      Jadwiga Bożena Halina Wanda Krystyna Danuta Zofia Irena Jolanta Renata Urszula Elżbieta Grażyna Marzena Aneta
      Kamila Klaudia Dominika Emilia Alicja Daria Edyta Agata Wioletta Ilona Weronika Kinga Zuzanna Oliwia Maja
      Milena Ewelina Angelika Lucyna Mirosława Stanisława Kornelia Wiktoria Nikola Marlena Adrianna Gosia Kasia
    `),
    male: list(`
      Andrzej Artur Szymon Przemysław Sławomir Jarosław Karol Radosław Mariusz Janusz Zbigniew Arkadiusz Patryk
      Hubert Filip Norbert Waldemar Leszek Mirosław Ryszard Stanisław Tadeusz Jerzy Jacek Henryk Zdzisław Wiesław
      Bogusław Czesław Kazimierz Dominik Konrad Oskar Wiktor Igor Kacper Oliwer Marian Roman Zenon Lech Witold
    `),
  },
  eastEuropean: {
    female: list(`
      Daniela Florentina Georgiana Ionela Larisa Loredana Mădălina Mirela Monica Nicoleta Oana Roxana Ramona Simona
      Teodora Violeta Aurelia Camelia Denisa Aistė Asta Agnė Eglė Gintarė Greta Ieva Rūta Jurgita Lina Rasa Vaida
      Vilma Živilė Desislava Galina Kalina Mariya Nadezhda Petya Rositsa Silviya Snezhana Yana Jana Lenka Kateřina
      Petra Zuzana Markéta Veronika Anikó Erzsébet Eszter Katalin Krisztina Zsófia Olena Oksana Yulia Tetiana
      Natalya Lyudmila Svetlana Olga Tatiana Ivana Inga
    `),
    male: list(`
      Alin Cătălin Claudiu Constantin Costel Cosmin Dorin Dragoș Emil Eugen Gheorghe Ion Ionel Iulian Laurențiu Liviu
      Lucian Marian Mircea Nicolae Ovidiu Radu Răzvan Sorin Tudor Valentin Vasile Viorel Aurimas Darius Donatas
      Gediminas Justinas Karolis Mindaugas Paulius Rokas Saulius Vytautas Žygimantas Boris Dimitar Georgi Hristo
      Kiril Krasimir Nikolay Plamen Stoyan Todor Vasil Jiří Milan Ondřej Pavel Petr Radek Václav Attila Balázs Gábor
      István János László Tamás Zoltán Andriy Dmytro Oleksandr Oleh Serhiy Taras Vasyl Volodymyr Yuriy Viktor
    `),
  },
  mediterranean: {
    female: list(`
      Adriana Alessandra Antonella Beatriz Catarina Elisa Elisabetta Federica Filipa Gabriella Giovanna Ilaria Inês
      Isabel Lorena Luisa Manuela Margarida Matilde Núria Paola Rita Rosa Serena Silvia Susana Veronica Androulla
      Chrystalla Despina Panayiota Stella Theodora Katerina Aylin Burcu Derya Dilek Ebru Elif Emine Esra Fatma Gül
      Hatice Leyla Meltem Özlem Seda Selin Sevgi Tuğba Zeynep Raquel Inés Lucía Pilar Mercedes Dolores
    `),
    male: list(`
      Alberto Alessandro Álvaro Angelo Bruno Claudio Daniele Davide Diego Domenico Emilio Enrico Enzo Fabio Federico
      Filipe Francisco Gianluca Giorgio Giovanni Giuseppe Gonçalo Hugo Ignacio Javier Jorge Juan Lorenzo Luca Luigi
      Matteo Massimo Nuno Paolo Pablo Raúl Roberto Rui Salvatore Sergio Simone Stefano Tiago Vincenzo Costas
      Demetris Georgios Kyriacos Michalis Nikos Panayiotis Savvas Stavros Yiannis Ahmet Arda Barış Burak Can Cem Emre
      Erkan Hakan Hasan Hüseyin Kemal Murat Ömer Onur Osman Serkan Tolga Uğur Volkan Fernando Alejandro
    `),
  },
} as const
